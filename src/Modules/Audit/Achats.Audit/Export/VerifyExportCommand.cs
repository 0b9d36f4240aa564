using Spectre.Console;

namespace Achats.Audit.Export;

/// <summary>
/// <c>audit verify-export &lt;zip&gt;</c>: the export checked offline, with no database and no server started; prints
/// what holds and each problem in French; exit 0 when everything holds, 1 when something does not, 2 for a bad path or
/// a file that is no zip.
/// </summary>
internal static class VerifyExportCommand
{
    public static bool Handles(string[] args) => args is ["audit", "verify-export", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["audit", "verify-export", var path])
        {
            await Console.Error.WriteLineAsync("Utilisation : audit verify-export <fichier.zip>");
            return 2;
        }

        ExportReport report;
        try
        {
            await using var file = File.OpenRead(path);
            report = await AnsiConsole.Status().StartAsync("Vérification de l'export", _ => Task.FromResult(VerifyExport.Verify(file)));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"Impossible de lire « {path} » : fichier introuvable ou illisible.");
            return 2;
        }
        catch (UnreadableExportException unreadable)
        {
            await Console.Error.WriteLineAsync($"« {path} » : {unreadable.Message}");
            return 2;
        }

        foreach (var holds in report.Holds)
        {
            Console.WriteLine($"  ✓ {holds}");
        }

        if (report.Intact)
        {
            Console.WriteLine("Export intègre : chaque fichier correspond au manifeste et chaque chaîne se recalcule.");
            return 0;
        }

        Console.WriteLine($"Export altéré : {report.Problems.Count} écart(s).");
        foreach (var problem in report.Problems)
        {
            Console.WriteLine($"  - {problem}");
        }

        return 1;
    }
}

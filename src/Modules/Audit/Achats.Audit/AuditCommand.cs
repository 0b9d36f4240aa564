using System.Globalization;
using Achats.Audit.Chain;
using Achats.Audit.Replay;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Wolverine;

namespace Achats.Audit;

/// <summary>
/// The auditor's command line: <c>audit verify [--cohort ID]</c> checks the chain and the seals; <c>audit seal</c>
/// seals the current heads. Each prints in French and exits non-zero when something does not hold.
/// </summary>
internal static class AuditCommand
{
    private const string Usage = """
        Utilisation : dotnet run --project src/Host/Achats.Host -- audit <commande>
          audit verify [--cohort ID]   vérifie la chaîne de chaque flux (ou ceux d'une édition) et le dernier sceau
          audit seal                   scelle les têtes de chaîne de tous les flux
          audit replay --cohort ID     rejoue les inscriptions, le registre et les dossiers de signature d'une édition depuis
                                       les seuls événements et les compare, champ par champ, aux vues enregistrées
          audit rebuild                réécrit chaque vue instantanée depuis les événements de son flux (aucun événement écrit)
          audit verify-export <zip>    vérifie hors ligne, sans base de données, un export pour audit
        """;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static bool Handles(string[] args) => args is ["audit", ..];

    public static async Task<int> RunAsync(IHost app, string[] args)
    {
        Guid? cohort = null;
        if (Option(args, "--cohort") is { } value)
        {
            if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
            {
                await Console.Error.WriteLineAsync($"« {value} » n'est pas un identifiant d'édition.");
                return 2;
            }

            cohort = id;
        }

        if (args is not ["audit", "verify" or "seal" or "replay" or "rebuild", ..] || (args[1] == "replay" && cohort is null))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await app.StartAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return args[1] switch
            {
                "verify" => await VerifyAsync(scope.ServiceProvider, cohort),
                "replay" => await ReplayCommand.ReplayAsync(scope.ServiceProvider, cohort!.Value),
                "rebuild" => await ReplayCommand.RebuildAsync(scope.ServiceProvider),
                _ => await SealAsync(scope.ServiceProvider),
            };
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<int> VerifyAsync(IServiceProvider services, Guid? cohort)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var scope = cohort is { } id ? await ChainStore.StreamsOfCohortAsync(session, id, CancellationToken.None) : null;
        if (scope is { Count: 0 })
        {
            await Console.Error.WriteLineAsync($"Aucun événement ne concerne l'édition {cohort}.");
            return 2;
        }

        var total = await ChainStore.CountAsync(session, scope, CancellationToken.None);
        ChainReport? report = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Vérification de la chaîne", maxValue: Math.Max(total, 1));
            report = await VerifyStreamHandler.VerifyAsync(session, scope, new Progress<long>(read => task.Value = read), CancellationToken.None);
            task.Value = task.MaxValue;
        });

        var sealedBy = report!.SealId is { } seal
            ? $"dernier sceau n° {seal} du {Shared.Time.FrenchDates.At(report.SealedAt!.Value)}"
            : "aucun sceau encore";
        Console.WriteLine(string.Create(French, $"{report.Events:N0} événements, {report.Streams:N0} flux vérifiés ; {sealedBy}."));
        if (report.Intact)
        {
            Console.WriteLine("Intégrité vérifiée : chaque événement correspond à sa chaîne et au dernier sceau.");
            return 0;
        }

        Console.WriteLine($"Intégrité rompue : {report.Breaks.Count} écart(s).");
        foreach (var chainBreak in report.Breaks)
        {
            var sequence = chainBreak.Sequence is { } number ? $", séquence {number}" : "";
            Console.WriteLine(chainBreak.StreamId == Guid.Empty
                ? $"  - {chainBreak.Reason}"
                : $"  - flux {chainBreak.StreamId}, version {chainBreak.Version}{sequence} : {chainBreak.Reason}");
        }

        return 1;
    }

    private static async Task<int> SealAsync(IServiceProvider services)
    {
        var sealedChain = await services.GetRequiredService<IMessageBus>().InvokeAsync<ChainSealed>(new SealChainHeads());
        Console.WriteLine(sealedChain.SealId is { } id
            ? string.Create(French, $"Sceau n° {id} : {sealedChain.Streams:N0} flux, {sealedChain.Events:N0} événements, racine {sealedChain.Root}.")
            : $"Rien de nouveau depuis le dernier sceau (racine {sealedChain.Root}).");
        return 0;
    }

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }
}

using System.Globalization;
using Achats.Audit.Chain;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Achats.Audit.Replay;

/// <summary>What <c>audit replay</c> and <c>audit rebuild</c> print, in French, and their exit codes.</summary>
internal static class ReplayCommand
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static async Task<int> ReplayAsync(IServiceProvider services, Guid cohort)
    {
        long total;
        await using (var session = services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var scope = await ChainStore.StreamsOfCohortAsync(session, cohort, CancellationToken.None);
            if (scope.Count == 0)
            {
                await Console.Error.WriteLineAsync($"Aucun événement ne concerne l'édition {cohort}.");
                return 2;
            }

            total = await ChainStore.CountAsync(session, scope, CancellationToken.None);
        }

        ReplayReport? report = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Rejeu des événements", maxValue: Math.Max(total, 1));
            report = await ReplayCohort.RunAsync(services, cohort, new Progress<long>(read => task.Value = read), CancellationToken.None);
            task.Value = task.MaxValue;
        });

        var replayed = $"{string.Join(", ", report!.Counts)} rejoués";
        if (report.Differences.Count == 0)
        {
            Console.WriteLine($"{replayed} : aucun écart.");
            return 0;
        }

        foreach (var difference in report.Differences)
        {
            Console.WriteLine($"{difference.Noun} {difference.Name}, champ {difference.Field.Field} : stocké « {difference.Field.Stored} », rejoué « {difference.Field.Replayed} »");
        }

        Console.WriteLine($"{replayed} : {report.Differences.Count} écart(s).");
        return 1;
    }

    public static async Task<int> RebuildAsync(IServiceProvider services)
    {
        var total = await RebuildSnapshots.EventsAsync(services, CancellationToken.None);
        RebuildReport? report = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("Reconstruction des vues", maxValue: Math.Max(total, 1));
            report = await RebuildSnapshots.RunAsync(services, new Progress<long>(read => task.Value = read), CancellationToken.None);
            task.Value = task.MaxValue;
        });

        Console.WriteLine(string.Create(French, $"{report!.Documents:N0} vues réécrites depuis {report.Events:N0} événements ; aucun événement écrit."));
        return 0;
    }
}

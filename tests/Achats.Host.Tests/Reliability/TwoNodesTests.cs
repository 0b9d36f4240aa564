using System.Diagnostics;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// Two Release hosts on one database, as two machines behind a load balancer: the one holding queued work is killed
/// with SIGKILL, and the other finishes that work within 15 s, handling nothing twice (ADR 0040).
/// </summary>
public sealed class TwoNodesTests(PostgresServer postgres)
{
    private static readonly TimeSpan TakeOverBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_survivor_finishes_the_killed_nodes_queued_work_within_15_s_and_handles_nothing_twice()
    {
        await using var programme = await ProgrammeUnderLoad.PrepareAsync(postgres);
        var before = await programme.NodeNumbersAsync();
        await using var doomed = await programme.StartAsync();
        var doomedNode = (await programme.NodeNumbersAsync()).Except(before).ShouldHaveSingleItem();
        await using var survivor = await programme.StartAsync();

        IReadOnlyList<Guid> queued = [];
        await programme.LoadThenKillAsync(doomed, async () =>
        {
            queued = await programme.PendingMessagesAsync(doomedNode);
            return programme.Signatures > 0 && queued.Count > 0;
        });
        var killed = Stopwatch.StartNew();
        var orphans = (await programme.PendingMessagesAsync(doomedNode)).ToHashSet();

        var takeOver = await ProgrammeUnderLoad.HandledAtAsync(killed,
            async () => (await programme.PendingMessagesAsync()).Where(orphans.Contains).ToList());
        var discrepancies = await programme.DiscrepanciesOnceSettledAsync(survivor);
        var figures = $"Two nodes, one killed with {orphans.Count} messages of its own queued; acknowledged: {programme.PreRegistrations} "
            + $"pre-registrations, {programme.Validations} validations, {programme.Signatures} paper signatures; "
            + $"the survivor finished them {takeOver.TotalSeconds:0.0} s after the kill";
        TestContext.Current.SendDiagnosticMessage(figures);
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        if (takeOver >= TakeOverBound)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"Survivor:\n{ProgrammeUnderLoad.NodeLog(survivor)}");
        }

        programme.Unexpected.ShouldBeEmpty();
        discrepancies.ShouldBeEmpty();
        takeOver.ShouldBeLessThan(TakeOverBound, figures);
    }
}

using System.Diagnostics;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// The Release host killed with SIGKILL in the middle of a stream of pre-registrations, validations and paper
/// signatures, then restarted, three times: nothing acknowledged is lost or doubled, and the messages that were in
/// flight are handled again within 15 s of the restarted host answering (ADR 0040).
/// </summary>
public sealed class CrashRecoveryTests(PostgresServer postgres)
{
    private const int Kills = 3;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killed_three_times_under_load_the_host_loses_and_doubles_nothing_and_recovers_within_15_s()
    {
        await using var programme = await ProgrammeUnderLoad.PrepareAsync(postgres);
        var recoveries = new List<Recovery>();
        var host = await programme.StartAsync();
        try
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                // Killed once the round acknowledged some of each step and messages wait in the durable queues.
                var (preRegistrations, signatures) = (programme.PreRegistrations, programme.Signatures);
                await programme.LoadThenKillAsync(host, async () =>
                    programme.PreRegistrations >= preRegistrations + 5 && programme.Signatures > signatures
                    && (await programme.PendingMessagesAsync()).Count > 0);
                var inFlight = (await programme.PendingMessagesAsync()).Count;
                await host.DisposeAsync();

                var restart = Stopwatch.StartNew();
                host = await programme.StartAsync();
                var ready = restart.Elapsed;
                var handled = await ProgrammeUnderLoad.HandledAtAsync(restart, () => programme.PendingMessagesAsync());
                recoveries.Add(new Recovery(inFlight, ready, handled));
                if (handled - ready >= RecoveryBound)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"Restart {kill}:\n{ProgrammeUnderLoad.NodeLog(host)}");
                }
            }

            var discrepancies = await programme.DiscrepanciesOnceSettledAsync(host);
            var figures = $"{Kills} SIGKILLs; acknowledged: {programme.PreRegistrations} pre-registrations, {programme.Validations} validations, "
                + $"{programme.Signatures} paper signatures; at each kill, messages in flight → host ready after restart → last of them handled: "
                + string.Join(", ", recoveries.Select(recovery => $"{recovery.InFlight} → {recovery.Ready.TotalSeconds:0.0} s → {recovery.Handled.TotalSeconds:0.0} s"));
            TestContext.Current.SendDiagnosticMessage(figures);
            TestContext.Current.TestOutputHelper?.WriteLine(figures);

            programme.Unexpected.ShouldBeEmpty();
            discrepancies.ShouldBeEmpty();
            recoveries.ShouldAllBe(recovery => recovery.Handled - recovery.Ready < RecoveryBound, figures);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Messages in flight at the kill; from the restart, when the host answered and when the last of them was handled.</summary>
    private sealed record Recovery(int InFlight, TimeSpan Ready, TimeSpan Handled);
}

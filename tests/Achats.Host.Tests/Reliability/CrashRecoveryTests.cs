using System.Diagnostics;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// The Release host killed with SIGKILL in the middle of a stream of pre-registrations, validations and paper
/// signatures, then restarted, three times: nothing acknowledged is lost or doubled, and the messages that were in
/// flight are handled again within 15 s of the restart (ADR 0040).
/// </summary>
public sealed class CrashRecoveryTests(PostgresServer postgres)
{
    private const int Kills = 3;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killed_three_times_under_load_the_host_loses_and_doubles_nothing_and_recovers_within_15_s()
    {
        await using var programme = await ProgrammeUnderLoad.PrepareAsync(postgres);
        var recoveries = new List<(int InFlight, TimeSpan Time)>();
        var host = await programme.StartAsync();
        try
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                // Killed once the round acknowledged some of each step and messages wait in the durable queues.
                var (preRegistrations, signatures) = (programme.PreRegistrations, programme.Signatures);
                var inFlight = 0;
                await programme.LoadThenKillAsync(host, async () =>
                {
                    inFlight = (await programme.PendingMessagesAsync()).Count;
                    return programme.PreRegistrations >= preRegistrations + 10 && programme.Signatures > signatures && inFlight > 0;
                });
                inFlight = (await programme.PendingMessagesAsync()).Count;
                await host.DisposeAsync();

                var restart = Stopwatch.StartNew();
                host = await programme.StartAsync();
                recoveries.Add((inFlight, await programme.SettledAfterAsync(restart, host, () => programme.PendingMessagesAsync())));
            }

            using var staff = await programme.SignedInAsync(host);
            var discrepancies = await programme.DiscrepanciesAsync(staff);
            var figures = $"{Kills} SIGKILLs; acknowledged: {programme.PreRegistrations} pre-registrations, {programme.Validations} validations, "
                + $"{programme.Signatures} paper signatures; messages in flight at each kill and time from restart until handled: "
                + string.Join(", ", recoveries.Select(recovery => $"{recovery.InFlight} in {recovery.Time.TotalSeconds:0.0} s"));
            TestContext.Current.SendDiagnosticMessage(figures);
            TestContext.Current.TestOutputHelper?.WriteLine(figures);

            programme.Unexpected.ShouldBeEmpty();
            discrepancies.ShouldBeEmpty();
            recoveries.ShouldAllBe(recovery => recovery.Time < RecoveryBound, figures);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}

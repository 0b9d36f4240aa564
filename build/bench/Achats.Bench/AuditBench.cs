using System.Diagnostics;
using System.Globalization;
using Achats.Audit.Replay;
using Achats.Charter.Signatures;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Time;
using Marten;
using Wolverine;

/// <summary>
/// The auditor's replay and rebuild (issue 18) over a generated history: one cohort whose participants each went the
/// whole way (pre-registration, eligibility, validation, signature file, link, signature, admission: 7 events of the
/// project's real types, appended through Marten in batches, the chain's trigger and the inline snapshots included),
/// and their roster. Then <c>audit replay</c>'s work over every stream and <c>audit rebuild</c>'s, in events per second.
/// </summary>
internal static class AuditBench
{
    private const int EventsPerParticipant = 7;
    private const int Batch = 500;
    private const double ReplayTarget = 50_000;
    private const double RebuildTarget = 15_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 105_000;
        var participants = (events + EventsPerParticipant - 1) / EventsPerParticipant;
        await using var bench = await BenchHost.StartAsync(new Dictionary<string, string?>());
        var services = bench.App.Services;
        var today = TimeProvider.System.TodayInParis();
        var cohort = await services.GetRequiredService<IMessageBus>().InvokeAsync<Cohort>(
            new PlanCohort("Édition de mesure de l'audit", today.AddDays(-90), today.AddDays(-60), today.AddDays(-50), today.AddDays(300)));

        var generation = Stopwatch.StartNew();
        await GenerateAsync(services.GetRequiredService<IDocumentStore>(), cohort.Id, participants);
        generation.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"History: {participants * EventsPerParticipant:N0} events in {participants * 2:N0} streams (+ {participants:N0} roster members), appended in {generation.Elapsed.TotalSeconds:F1} s"));

        await using var scope = services.CreateAsyncScope();
        await ReplayCohort.RunAsync(scope.ServiceProvider, cohort.Id, progress: null, CancellationToken.None); // warm-up: JIT, plans
        var replayClock = Stopwatch.StartNew();
        var replay = await ReplayCohort.RunAsync(scope.ServiceProvider, cohort.Id, progress: null, CancellationToken.None);
        replayClock.Stop();
        var rebuildClock = Stopwatch.StartNew();
        var rebuild = await RebuildSnapshots.RunAsync(scope.ServiceProvider, progress: null, CancellationToken.None);
        rebuildClock.Stop();

        Console.WriteLine($"Replay: {string.Join(", ", replay.Counts)}; {replay.Differences.Count} difference(s). Rebuild: {rebuild.Documents:N0} documents.");
        await BreakdownAsync(scope.ServiceProvider, cohort.Id);
        Console.WriteLine($"{"measure",-8} | {"events",9} | {"seconds",8} | {"events/s",9} | {"target",8} | met");
        var met = Row("replay", replay.Events, replayClock.Elapsed, ReplayTarget) & Row("rebuild", rebuild.Events, rebuildClock.Elapsed, RebuildTarget);
        return met && replay.Differences.Count == 0 ? 0 : 1;
    }

    /// <summary>Where the replay's time goes: each step alone, over every stream of the cohort.</summary>
    private static async Task BreakdownAsync(IServiceProvider services, Guid cohortId)
    {
        var snapshots = services.GetRequiredService<Snapshots>();
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var clock = Stopwatch.StartNew();
        var scope = await Achats.Audit.Chain.ChainStore.StreamsOfCohortAsync(session, cohortId, CancellationToken.None);
        var streams = await snapshots.StreamsAsync(session, scope, CancellationToken.None);
        var steps = new List<(string, TimeSpan)> { ("streams of the cohort", clock.Elapsed) };
        var stored = new List<IReadOnlyDictionary<Guid, string>>();
        var folded = new List<IReadOnlyList<(SnapshotStream, object?)>>();
        clock.Restart();
        foreach (var batch in streams.Chunk(1000))
        {
            stored.Add(await snapshots.StoredAsync(session, batch, CancellationToken.None));
        }

        steps.Add(("stored documents read", clock.Elapsed));
        clock.Restart();
        foreach (var batch in streams.Chunk(1000))
        {
            folded.Add(await snapshots.FoldAsync(session, batch, CancellationToken.None));
        }

        steps.Add(("events read and folded", clock.Elapsed));
        clock.Restart();
        foreach (var (stream, replayed) in folded.SelectMany(batch => batch))
        {
            _ = snapshots.Json(replayed);
        }

        steps.Add(("folded documents serialized", clock.Elapsed));
        clock.Restart();
        foreach (var replay in services.GetServices<Achats.Shared.Replay.IReadModelReplay>())
        {
            await replay.ReplayAsync(session, cohortId, CancellationToken.None);
        }

        steps.Add(("roster stated again", clock.Elapsed));
        Console.WriteLine(string.Join("; ", steps.Select(step => string.Create(CultureInfo.InvariantCulture, $"{step.Item1} {step.Item2.TotalSeconds:F2} s"))));
    }

    private static bool Row(string measure, long events, TimeSpan elapsed, double target)
    {
        var rate = events / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{measure,-8} | {events,9:N0} | {elapsed.TotalSeconds,8:F2} | {rate,9:N0} | {target,8:N0} | {(rate >= target ? "met" : "NOT met")}"));
        return rate >= target;
    }

    private static async Task GenerateAsync(IDocumentStore store, Guid cohortId, int participants)
    {
        var now = DateTimeOffset.UtcNow;
        var charterVersion = Guid.CreateVersion7();
        for (var first = 0; first < participants; first += Batch)
        {
            await using var session = store.LightweightSession();
            for (var index = first; index < Math.Min(first + Batch, participants); index++)
            {
                var (enrolment, file, link) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
                var participant = new Participant($"Prénom{index}", $"Nom{index}", $"participant{index}@mesure.test", "01 23 45 67 89", "Acheteuse", Profile.PublicBuyer);
                var organisation = new Organisation($"Commune {index % 131}", OrganisationKind.CommuneEptOrMetropole, null, "93048");
                var signedAt = now.AddMinutes(index);
                session.Events.StartStream<EnrolmentFile>(enrolment,
                    new PreRegistrationSubmitted(enrolment, cohortId, participant, organisation, [],
                        new PurchasingProject(Guid.CreateVersion7(), "Rénovation des écoles", Achats.Cohorts.Contracts.PurchaseCategory.ConstructionAndPublicWorks, [Achats.Cohorts.Contracts.Theme.Circular]),
                        now, null, $"ACH-2026-{index:D5}", "2026-01"),
                    EligibilityAssessed.Decide(organisation, [], [], "Pré-inscription"),
                    new PreRegistrationValidated("Dossier complet"),
                    new EnrolmentAdmitted(charterVersion, "empreinte", signedAt));
                session.Events.StartStream<SignatureFile>(file,
                    new SignatureRequested(file, enrolment, cohortId, new Signer(participant.FirstName, participant.LastName, participant.Email, participant.JobTitle, organisation.Name)),
                    new SigningLinkIssued(link, $"hash{index}", now.AddDays(30)),
                    new CharterSignatureRecorded(charterVersion, 1, "empreinte", signedAt, $"{participant.FirstName} {participant.LastName}", "Acheteuse", true, "127.0.0.1", "Bench", link));
                session.Store(new RosterMember(enrolment, cohortId, participant.FirstName, participant.LastName, participant.Email, participant.Profile.ToString(),
                    organisation.Name, organisation.Kind.ToString(), organisation.Siren, RosterMember.SectorOf(organisation.Kind.ToString(), participant.Profile.ToString()), signedAt));
            }

            await session.SaveChangesAsync();
        }
    }
}

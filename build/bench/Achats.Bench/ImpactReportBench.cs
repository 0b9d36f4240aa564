using System.Globalization;
using Achats.Charter.Charters;
using Achats.Charter.Signatures;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Cohorts.Roster;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Time;
using Marten;
using Wolverine;

/// <summary>
/// The impact report of a cohort carrying 1,000 purchasing projects: 100 participants of 40 public bodies admitted
/// through Enrolment and Charter (pre-registration, validation, charter signed on paper), then 1,000 projects declared
/// by staff on the bus, of every category, theme and milestone. Measured by <see cref="CohortPagesBench"/>.
/// </summary>
internal static class ImpactReportBench
{
    private const int Participants = 100;
    private const int Organisations = 40;
    private const int Projects = 1000;

    public static async Task<MeasuredPage> SeedAsync(BenchHost bench, HttpClient staff)
    {
        var services = bench.App.Services;
        var bus = services.GetRequiredService<IMessageBus>();
        var store = services.GetRequiredService<IDocumentStore>();
        var random = new Random(20_261_202);
        var today = TimeProvider.System.TodayInParis();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var cohort = await bus.InvokeAsync<Cohort>(new PlanCohort("Édition du bilan", today.AddDays(-10), today.AddDays(30), today.AddDays(40)));
        await bus.InvokeAsync<CohortCharter>(new SaveCharterDraft(cohort.Id, "Charte d'engagement", "Les participants s'engagent pendant toute l'édition.", ["Participer aux séances plénières."]));
        await bus.InvokeAsync<CharterVersion>(new PublishCharterVersion(cohort.Id));

        var sirens = Enumerable.Range(0, Organisations).Select(index => Siren(21_500_000 + (index * 37))).ToList();
        List<Guid> enrolments = [];
        for (var index = 0; index < Participants; index++)
        {
            var organisation = index % Organisations;
            var receipt = await bus.InvokeAsync<PreRegistrationReceipt>(new SubmitPreRegistration(cohort.Id,
                new ParticipantDetails($"Prénom{index}", $"Nom{index}", $"participant.{index}@bilan.test", null, "Acheteuse publique", Profile.PublicBuyer),
                new OrganisationDetails($"Collectivité {organisation + 1}", OrganisationKind.CommuneEptOrMetropole, sirens[organisation], "93048"),
                [], null, ConsentToDataProcessing: true, PromotesOwnSolution: false));
            await using (var session = store.QuerySession())
            {
                var state = await session.Events.FetchStreamStateAsync(receipt.EnrolmentId);
                await bus.InvokeAsync<EnrolmentChanged>(new ValidatePreRegistration(receipt.EnrolmentId, (int)state!.Version, null));
            }

            enrolments.Add(receipt.EnrolmentId);
        }

        // Charter opens each signature file when it hears of the validation, on its durable queue: sign once it has.
        foreach (var enrolmentId in enrolments)
        {
            await UntilAsync(async () =>
            {
                await bus.InvokeAsync<CharterSignedOnPaper>(new RecordPaperSignature(enrolmentId, today, "Signataire", "Acheteuse publique", "Original classé au dossier."));
                return true;
            });
        }

        // The roster follows the admissions on the bus.
        IReadOnlyList<RosterMember> members = [];
        await UntilAsync(async () => (members = (await bus.InvokeAsync<RosterView>(new GetRoster(cohort.Id))).Members).Count == Participants);

        var categories = Enum.GetValues<PurchaseCategory>();
        var milestones = Enum.GetValues<Milestone>();
        Theme[][] themes = [[Theme.Circular], [Theme.Solidarity], [Theme.Circular, Theme.Solidarity]];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Projects)
            {
                int owner, category, theme, milestone, days;
                lock (random)
                {
                    (owner, category, theme, milestone, days) = (random.Next(members.Count), random.Next(categories.Length), random.Next(themes.Length), random.Next(milestones.Length), random.Next(30, 400));
                }

                await bus.InvokeAsync<ProjectChanged>(new DeclarePurchasingProject(cohort.Id, members[owner].Id,
                    string.Create(CultureInfo.InvariantCulture, $"Projet d'achat n° {index + 1}"), categories[category], themes[theme], today.AddDays(days), milestones[milestone],
                    "Lots, montant et partenaires pressentis à préciser."));
            }
        })));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Impact report: seeded {Participants} admitted participants of {Organisations} organisations and {Projects:N0} projects in one cohort in {started.Elapsed.TotalSeconds:F1} s"));
        using var probe = await staff.GetAsync($"/projets/bilan?edition={cohort.Id}");
        probe.EnsureSuccessStatusCode();
        return new MeasuredPage("GET /projets/bilan?edition={id} (1,000 projects)", $"/projets/bilan?edition={cohort.Id}", CohortPagesBench.Target);
    }

    /// <summary>Runs <paramref name="attempt"/> until it answers true without throwing; a minute at most.</summary>
    private static async Task UntilAsync(Func<Task<bool>> attempt)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                if (await attempt())
                {
                    return;
                }
            }
            catch (Exception) when (tries < 1200)
            {
            }

            if (tries >= 1200)
            {
                throw new TimeoutException("The seed did not settle within a minute.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A SIREN of eight given digits and the Luhn check digit.</summary>
    private static string Siren(int body) => Enumerable.Range(0, 10)
        .Select(check => body.ToString("D8", CultureInfo.InvariantCulture) + check.ToString(CultureInfo.InvariantCulture))
        .First(Achats.Shared.France.Siren.IsValid);
}

using System.Net;
using Achats.Cohorts.Attendance;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Sessions;
using Achats.Enrolment.Contracts;
using Achats.Shared.Time;
using Wolverine;

/// <summary>
/// The attendance sheet of a plenary held ten days ago, for a roster of 300 (half of them marked already), signed
/// in as programme staff: p50/p95 of <c>GET /presence/{session}?edition={cohort}</c>, beside the 300 ms target.
/// </summary>
internal static class AttendanceSheetBench
{
    public const int RosterSize = 300;

    public const double Target = 300;

    /// <summary>Seeds a cohort of its own on <paramref name="bench"/>; the sheet to measure, checked to show its form to <paramref name="staff"/>.</summary>
    public static async Task<MeasuredPage> SeedAsync(BenchHost bench, HttpClient staff)
    {
        var (cohortId, plenary) = await SeedAsync(bench.App.Services.GetRequiredService<IMessageBus>());
        var url = $"/presence/{plenary}?edition={cohortId}";
        using var first = await staff.GetAsync(url);
        if (first.StatusCode != HttpStatusCode.OK || !(await first.Content.ReadAsStringAsync()).Contains("Enregistrer la feuille", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The attendance sheet answered {(int)first.StatusCode} without its form: is the client signed in as programme staff?");
        }

        return new MeasuredPage($"GET /presence/{{session}}?edition={{id}} ({RosterSize} on the roster)", url, Target);
    }

    /// <summary>
    /// A cohort under way since 50 days, its roster joined through Cohorts' own door (the admissions Enrolment publishes),
    /// a plenary held ten days ago, and half the roster marked on it.
    /// </summary>
    private static async Task<(Guid CohortId, Guid Plenary)> SeedAsync(IMessageBus bus)
    {
        var today = TimeProvider.System.TodayInParis();
        var cohort = await bus.InvokeAsync<Cohort>(new PlanCohort("Édition de mesure des présences", today.AddDays(-90), today.AddDays(-60), today.AddDays(-50), today.AddDays(300)));
        var admittedAt = ParisTime.FromParis(today.AddDays(-55).ToDateTime(new TimeOnly(12, 0)))!.Value;
        var random = new Random(20_261_202);
        string[] firstNames = ["Camille", "Éloïse", "Dominique", "Théo", "Inès", "Gaël", "Chloé", "Jérôme", "Anaïs", "Raphaël"];
        string[] lastNames = ["Durand", "Lefèvre", "Martin", "Bernard", "Moreau", "Garnier", "Roux", "Fournier", "Girard", "Mercier"];
        var members = new List<Guid>();
        for (var i = 0; i < RosterSize; i++)
        {
            var id = Guid.CreateVersion7();
            var isPublic = i % 2 == 0;
            await bus.InvokeAsync(new EnrolmentAdmitted(id, cohort.Id, firstNames[random.Next(firstNames.Length)], $"{lastNames[random.Next(lastNames.Length)]} {i}",
                $"participant.{i}@mesure.test", isPublic ? "PublicBuyer" : "PrivateBuyer", isPublic ? $"Ville n° {i}" : $"Société n° {i}",
                isPublic ? "CommuneEptOrMetropole" : "PrivateCompany", null, null, admittedAt));
            members.Add(id);
        }

        var sequence = (await bus.InvokeAsync<CohortChanged>(new AddSequence(cohort.Id, "Comprendre l'achat circulaire"))).CreatedId!.Value;
        var day = today.AddDays(-10).ToDateTime(TimeOnly.MinValue);
        var plenary = (await bus.InvokeAsync<CohortChanged>(new ScheduleSession(cohort.Id, sequence, "Séance plénière de mesure", SessionKind.Plenary,
            day.AddHours(9.5), day.AddHours(12), Modality.Online, "https://visio.example/mesure", null, null, []))).CreatedId!.Value;
        await bus.InvokeAsync<AttendanceChanged>(new RecordAttendance(cohort.Id, plenary,
            members.Take(RosterSize / 2).Select((id, index) => new PresenceMark(id, index % 10 == 0 ? Presence.Absent : Presence.Present)).ToList()));
        return (cohort.Id, plenary);
    }
}

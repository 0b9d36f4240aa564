using System.Net;
using System.Net.Http.Json;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

// A cohort's year, as states a test class starts from. Each fixture brings its own database (one per test class, ADR 7)
// to a named state once, keeping what the steps answered; the tests then assert one behaviour each and change nothing
// the others read, so their order does not matter. Each state is the one before it plus its own steps.

/// <summary>
/// Registration open: the dates moved before the launch (with their reason), the charter published, and three
/// participants admitted through Enrolment and Charter: Camille and Dominique, a pair of one public body, and
/// Claude, a private buyer.
/// </summary>
public class ApiWithAdmittedParticipants(PostgresServer postgres) : AchatsApp(postgres)
{
    public CohortDriver Driver => new(this);

    public HttpClient Staff { get; protected set; } = null!;

    public Guid CohortId { get; private set; }

    public string Cohort => $"{CohortsApi}/{CohortId}";

    /// <summary>The day the cohort was planned on.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The first day, once moved.</summary>
    public DateOnly StartsOn { get; private set; }

    public ITrackedSession DatesChange { get; private set; } = null!;

    public Guid Camille { get; private set; }

    public Guid Dominique { get; private set; }

    public Guid Claude { get; private set; }

    public ITrackedSession CamilleAdmission { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Staff = await SignedInAsync(StaffRole.ProgrammeStaff);
        CohortId = await new EnrolmentDriver(this).OpenCohortAsync(Staff); // registration open today, start in 40 days
        Today = Clock.TodayInParis();
        StartsOn = Today.AddDays(45);
        (var changed, DatesChange) = await TrackedAsync(Staff, client => client.PutAsJsonAsync($"{Cohort}/dates", new
        {
            registrationOpensOn = Today.AddDays(-10), registrationClosesOn = Today.AddDays(35), startsOn = StartsOn, reason = "Salle indisponible la première semaine",
        }, Cancellation));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Cancellation));

        await PublishCharterAsync(Staff, CohortId);
        var siren = NewSiren();
        (Camille, CamilleAdmission) = await Driver.AdmitAsync(Staff, CohortId, "Camille", "PublicBuyer", "CommuneEptOrMetropole", siren);
        (Dominique, _) = await Driver.AdmitAsync(Staff, CohortId, "Dominique", "Prescriber", "CommuneEptOrMetropole", siren, pairWith: Camille);
        (Claude, _) = await Driver.AdmitAsync(Staff, CohortId, "Claude", "PrivateBuyer", "PrivateCompany", NewSiren());
    }

    /// <summary>Signs staff in again after the clock moved, as sessions do not last a month.</summary>
    protected async Task AdvanceAsync(TimeSpan time)
    {
        Clock.Advance(time);
        Staff = await SignedInAsync(StaffRole.ProgrammeStaff);
    }
}

/// <summary>After admission, Camille and Dominique's pair undone, then declared again; what the roster showed in between.</summary>
public sealed class ApiWithPairUndoneAndMadeAgain(PostgresServer postgres) : ApiWithAdmittedParticipants(postgres)
{
    public ITrackedSession Dissolution { get; private set; } = null!;

    public RosterAnswer RosterAfterDissolution { get; private set; } = null!;

    public ITrackedSession Declaration { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (var dissolved, Dissolution) = await PostTrackedAsync(Staff, $"{Enrolments}/{Camille}/pair/dissolution", new { reason = "Réorganisation du service" });
        dissolved.StatusCode.ShouldBe(HttpStatusCode.OK, await dissolved.Content.ReadAsStringAsync(Cancellation));
        RosterAfterDissolution = await GetAsync<RosterAnswer>(Staff, $"{Cohort}/roster");
        (var paired, Declaration) = await PostTrackedAsync(Staff, $"{Enrolments}/{Dominique}/pair", new { colleagueEnrolmentId = Camille });
        paired.StatusCode.ShouldBe(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync(Cancellation));
    }
}

/// <summary>
/// Before the launch, the programme: one sequence; a plenary the day after the start, 9:30 to 12:00; two parallel
/// workshops that afternoon; a matchmaking session scheduled the next day, then cancelled.
/// </summary>
public class ApiWithScheduledProgramme(PostgresServer postgres) : ApiWithAdmittedParticipants(postgres)
{
    public Guid SequenceId { get; private set; }

    /// <summary>The plenary's day, at midnight in Paris.</summary>
    public DateTime PlenaryDay { get; private set; }

    public Guid Plenary { get; private set; }

    public ITrackedSession MatchmakingScheduling { get; private set; } = null!;

    public ITrackedSession MatchmakingCancellation { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SequenceId = (await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/sequences", new { title = "Comprendre l'achat circulaire" }, HttpStatusCode.Created))
            .CreatedId!.Value;
        PlenaryDay = StartsOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        Plenary = (await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/sessions",
            Session(SequenceId, "Séance de lancement", "Plenary", PlenaryDay.AddHours(9.5), PlenaryDay.AddHours(12)), HttpStatusCode.Created)).CreatedId!.Value;
        await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/sessions",
            Session(SequenceId, "Atelier BTP", "Workshop", PlenaryDay.AddHours(14), PlenaryDay.AddHours(16), parallel: true), HttpStatusCode.Created);
        await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/sessions",
            Session(SequenceId, "Atelier restauration", "Workshop", PlenaryDay.AddHours(14), PlenaryDay.AddHours(16), parallel: true), HttpStatusCode.Created);

        (var matchmaking, MatchmakingScheduling) = await PostTrackedAsync(Staff, $"{Cohort}/sessions", new
        {
            sequenceId = SequenceId, title = "Rencontre avec des structures de l'ESS", kind = "Matchmaking",
            startsAt = $"{StartsOn.AddDays(2):yyyy-MM-dd}T10:00:00", endsAt = $"{StartsOn.AddDays(2):yyyy-MM-dd}T12:00:00",
            modality = "InPerson", venue = "Hôtel de la Métropole", audienceTag = "Élus en début de mandat", categories = new[] { "Catering", "Cleaning" },
        });
        var matchmakingId = (await matchmaking.ReadAsync<CohortChangeAnswer>(HttpStatusCode.Created)).CreatedId;
        (var cancelled, MatchmakingCancellation) = await PostTrackedAsync(Staff, $"{Cohort}/sessions/{matchmakingId}/cancellation", new { reason = "Salle indisponible" });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>The first day come, the cohort launched with its three participants.</summary>
public class ApiWithLaunchedCohort(PostgresServer postgres) : ApiWithScheduledProgramme(postgres)
{
    public ITrackedSession Launch { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await AdvanceAsync(TimeSpan.FromDays(45));
        (var launch, Launch) = await TrackedAsync(Staff, client => client.PostAsync($"{Cohort}/launch", null, Cancellation));
        launch.StatusCode.ShouldBe(HttpStatusCode.OK, await launch.Content.ReadAsStringAsync(Cancellation));
    }
}

/// <summary>Launched, then closed.</summary>
public sealed class ApiWithClosedCohort(PostgresServer postgres) : ApiWithLaunchedCohort(postgres)
{
    public ITrackedSession Closure { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (var closure, Closure) = await TrackedAsync(Staff, client => client.PostAsync($"{Cohort}/closure", null, Cancellation));
        closure.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>
/// Under way, two days after the launch: the plenary's attendance taken (Camille present, Dominique absent, Claude
/// absent, then corrected to excused); a second project declared for the pair and moved on to consultation; working
/// groups proposed, Camille moved out (her binôme follows) and Dominique back in, then published.
/// </summary>
public class ApiWithCohortUnderWay(PostgresServer postgres) : ApiWithLaunchedCohort(postgres)
{
    public string Attendance => $"{Cohort}/sessions/{Plenary}/attendance";

    public AttendanceChangeAnswer Sheet { get; private set; } = null!;

    public AttendanceChangeAnswer Correction { get; private set; } = null!;

    public WorkingGroupsAnswer Proposal { get; private set; } = null!;

    public WorkingGroupsAnswer AfterCamilleMovedOut { get; private set; } = null!;

    public ITrackedSession GroupsPublication { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await AdvanceAsync(TimeSpan.FromDays(2));
        Sheet = await SendAsync<AttendanceChangeAnswer>(Staff, HttpMethod.Put, Attendance,
            CohortDriver.Sheet((Camille, "Present"), (Dominique, "Absent"), (Claude, "Absent")), HttpStatusCode.OK);
        Correction = await SendAsync<AttendanceChangeAnswer>(Staff, HttpMethod.Put, $"{Attendance}/{Claude}", new { presence = "Excused" }, HttpStatusCode.OK);

        var declared = await SendAsync<ProjectChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/projects", new
        {
            enrolmentId = Dominique, title = "Restauration scolaire", category = "Catering", themes = new[] { "Solidarity" },
            expectedProcedureOn = StartsOn.AddMonths(4), milestone = "NeedExpressed", notes = "Marché à renouveler ; lots « bio » et insertion.",
        }, HttpStatusCode.Created);
        await SendAsync<ProjectChangeAnswer>(Staff, HttpMethod.Put, $"{Cohort}/projects/{declared.ProjectId}", new
        {
            version = declared.Version, title = "Restauration scolaire", category = "Catering", themes = new[] { "Solidarity" },
            expectedProcedureOn = StartsOn.AddMonths(4), milestone = "ConsultationPublished", notes = "Marché à renouveler ; lots « bio » et insertion.",
        }, HttpStatusCode.OK);

        Proposal = await SendAsync<WorkingGroupsAnswer>(Staff, HttpMethod.Post, $"{Cohort}/working-groups/proposal", new { minSize = 2, maxSize = 3 }, HttpStatusCode.OK);
        AfterCamilleMovedOut = await SendAsync<WorkingGroupsAnswer>(Staff, HttpMethod.Post, $"{Cohort}/working-groups/moves",
            new { enrolmentId = Camille, toGroupId = (Guid?)null }, HttpStatusCode.OK);
        await SendAsync<WorkingGroupsAnswer>(Staff, HttpMethod.Post, $"{Cohort}/working-groups/moves",
            new { enrolmentId = Dominique, toGroupId = Proposal.Groups[0].Id }, HttpStatusCode.OK);
        (var publication, GroupsPublication) = await TrackedAsync(Staff, client => client.PostAsync($"{Cohort}/working-groups/publication", null, Cancellation));
        publication.StatusCode.ShouldBe(HttpStatusCode.OK, await publication.Content.ReadAsStringAsync(Cancellation));
    }
}

/// <summary>Under way, and Claude withdrawn at the participant's request: "Départ de l'entreprise".</summary>
public sealed class ApiWithWithdrawnParticipant(PostgresServer postgres) : ApiWithCohortUnderWay(postgres)
{
    public ITrackedSession Withdrawal { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (var withdrawal, Withdrawal) = await PostTrackedAsync(Staff, $"{Enrolments}/{Claude}/withdrawal", new
        {
            version = await new EnrolmentDriver(this).VersionAsync(Staff, Claude), reason = "Départ de l'entreprise", requestedBy = "Participant",
        });
        withdrawal.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawal.Content.ReadAsStringAsync(Cancellation));
    }
}

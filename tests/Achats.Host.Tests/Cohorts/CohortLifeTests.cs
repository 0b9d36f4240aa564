using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Achats.Cohorts.Contracts;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// A cohort's whole life over HTTP on real PostgreSQL: planned, dates changed, participants admitted by
/// Enrolment (their admissions reach the roster through the bus), sessions scheduled, launched, attendance
/// taken, projects declared, working groups proposed, adjusted and published, a participant withdrawn, the
/// exports read back, closed.
/// </summary>
public sealed class CohortLifeTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Cohorts = "/api/cohorts/v1/cohorts";

    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cohort_lives_from_planning_to_closure_with_a_roster_fed_by_enrolment()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff); // registration open today, start in 40 days
        var cohort = $"{Cohorts}/{cohortId}";
        (await GetAsync(staff, cohort)).GetProperty("status").GetString().ShouldBe("RegistrationOpen");

        // Dates change before the launch, with their reason; the registration form follows the new window.
        var today = app.Clock.TodayInParis();
        var startsOn = today.AddDays(45);
        var (changed, dateMessages) = await app.TrackedAsync(staff, client => client.PutAsJsonAsync($"{cohort}/dates", new
        {
            registrationOpensOn = today.AddDays(-10), registrationClosesOn = today.AddDays(35), startsOn, reason = "Salle indisponible la première semaine",
        }, Cancellation));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Cancellation));
        Published<Achats.Cohorts.Contracts.CohortDatesChanged>(dateMessages).ShouldHaveSingleItem().EndsOn.ShouldBe(startsOn.AddYears(1).AddDays(-1));
        using (var anonymous = app.CreateClient())
        {
            var open = await GetAsync(anonymous, "/api/enrolment/v1/open-cohorts");
            open.EnumerateArray().Single(listed => listed.GetProperty("id").GetGuid() == cohortId)
                .GetProperty("registrationClosesOn").GetString().ShouldBe(today.AddDays(35).ToString("yyyy-MM-dd"));
        }

        // Three participants admitted through Enrolment and Charter: a pair of one public body, and a private buyer.
        await PublishCharterAsync(staff, cohortId);
        var siren = NewSiren();
        var (camille, camilleAdmitted) = await AdmitAsync(staff, cohortId, "Camille", "PublicBuyer", "CommuneEptOrMetropole", siren);
        var (dominique, _) = await AdmitAsync(staff, cohortId, "Dominique", "Prescriber", "CommuneEptOrMetropole", siren, pairWith: camille);
        var (claude, _) = await AdmitAsync(staff, cohortId, "Claude", "PrivateBuyer", "PrivateCompany", NewSiren());
        Published<ParticipantJoinedCohort>(camilleAdmitted).ShouldHaveSingleItem().EnrolmentId.ShouldBe(camille);

        var roster = await GetAsync(staff, $"{cohort}/roster");
        roster.GetProperty("memberCount").GetInt32().ShouldBe(3);
        var members = roster.GetProperty("members").EnumerateArray().ToDictionary(member => member.GetProperty("firstName").GetString()!);
        members["Camille"].GetProperty("pairedWith").GetGuid().ShouldBe(dominique);
        members["Dominique"].GetProperty("pairedWith").GetGuid().ShouldBe(camille);
        members["Claude"].GetProperty("sector").GetString().ShouldBe("Private");

        // The pair undone and made again after admission: Enrolment says so, the roster follows.
        var (dissolved, dissolution) = await app.PostTrackedAsync(staff, $"{Enrolments}/{camille}/pair/dissolution", new { reason = "Réorganisation du service" });
        dissolved.StatusCode.ShouldBe(HttpStatusCode.OK, await dissolved.Content.ReadAsStringAsync(Cancellation));
        Published<PairDissolved>(dissolution).ShouldHaveSingleItem().ColleagueEnrolmentId.ShouldBe(dominique);
        (await GetAsync(staff, $"{cohort}/roster")).GetProperty("members").EnumerateArray()
            .ShouldAllBe(member => member.GetProperty("pairedWith").ValueKind == JsonValueKind.Null);
        var (paired, pairing) = await app.PostTrackedAsync(staff, $"{Enrolments}/{dominique}/pair", new { colleagueEnrolmentId = camille });
        paired.StatusCode.ShouldBe(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync(Cancellation));
        Published<PairDeclared>(pairing).ShouldHaveSingleItem().EnrolmentId.ShouldBe(dominique);
        members = (await GetAsync(staff, $"{cohort}/roster")).GetProperty("members").EnumerateArray().ToDictionary(member => member.GetProperty("firstName").GetString()!);
        members["Camille"].GetProperty("pairedWith").GetGuid().ShouldBe(dominique);
        members["Dominique"].GetProperty("pairedWith").GetGuid().ShouldBe(camille);

        // Each participant's project named at pre-registration is one of the cohort's projects.
        var projects = await GetAsync(staff, $"{cohort}/projects");
        projects.GetProperty("projects").GetArrayLength().ShouldBe(3);
        projects.GetProperty("report").GetProperty("total").GetInt32().ShouldBe(3);

        // The programme: a sequence, a plenary, two parallel workshops; an overlapping plenary is refused.
        var sequence = await SendAsync(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Comprendre l'achat circulaire" }, HttpStatusCode.Created);
        var sequenceId = sequence.GetProperty("createdId").GetGuid();
        var day = startsOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var plenary = (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions",
            Session(sequenceId, "Séance de lancement", "Plenary", day.AddHours(9.5), day.AddHours(12)), HttpStatusCode.Created)).GetProperty("createdId").GetGuid();
        await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions",
            Session(sequenceId, "Atelier BTP", "Workshop", day.AddHours(14), day.AddHours(16), parallel: true), HttpStatusCode.Created);
        await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions",
            Session(sequenceId, "Atelier restauration", "Workshop", day.AddHours(14), day.AddHours(16), parallel: true), HttpStatusCode.Created);
        var clash = await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions",
            Session(sequenceId, "Plénière en trop", "Plenary", day.AddHours(11), day.AddHours(13)), HttpStatusCode.UnprocessableEntity);
        clash.GetProperty("type").GetString().ShouldBe("urn:achats:problem:sessions-overlap");

        // A matchmaking session tells the other modules (the catalogue links to its categories); so does its cancellation.
        var (matchmaking, matchmakingMessages) = await app.PostTrackedAsync(staff, $"{cohort}/sessions", new
        {
            sequenceId, title = "Rencontre avec des structures de l'ESS", kind = "Matchmaking",
            startsAt = $"{startsOn.AddDays(2):yyyy-MM-dd}T10:00:00", endsAt = $"{startsOn.AddDays(2):yyyy-MM-dd}T12:00:00",
            modality = "InPerson", venue = "Hôtel de la Métropole", audienceTag = "Élus en début de mandat", categories = new[] { "Catering", "Cleaning" },
        });
        matchmaking.StatusCode.ShouldBe(HttpStatusCode.Created, await matchmaking.Content.ReadAsStringAsync(Cancellation));
        var scheduled = Published<Achats.Cohorts.Contracts.SessionScheduled>(matchmakingMessages).ShouldHaveSingleItem();
        scheduled.Categories.ShouldBe([PurchaseCategory.Catering, PurchaseCategory.Cleaning]);
        scheduled.AudienceTag.ShouldBe("Élus en début de mandat");
        var (cancelled, cancellationMessages) = await app.PostTrackedAsync(staff, $"{cohort}/sessions/{scheduled.SessionId}/cancellation", new { reason = "Salle indisponible" });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        Published<Achats.Cohorts.Contracts.SessionCancelled>(cancellationMessages).ShouldHaveSingleItem().SessionId.ShouldBe(scheduled.SessionId);

        var view = await GetAsync(staff, cohort);
        var sessions = view.GetProperty("sequences")[0].GetProperty("sessions");
        sessions.GetArrayLength().ShouldBe(4);
        sessions[3].GetProperty("cancellationReason").GetString().ShouldBe("Salle indisponible");
        sessions[0].GetProperty("startsAt").GetString()!.ShouldStartWith($"{startsOn.AddDays(1):yyyy-MM-dd}T09:30:00+0");

        // No launch before the first day; then launched, with its roster; dates are then fixed.
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/launch", null, HttpStatusCode.UnprocessableEntity))
            .GetProperty("type").GetString().ShouldBe("urn:achats:problem:cohort-not-started");
        app.Clock.Advance(TimeSpan.FromDays(45));
        staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var (launch, launchMessages) = await app.TrackedAsync(staff, client => client.PostAsync($"{cohort}/launch", null, Cancellation));
        launch.StatusCode.ShouldBe(HttpStatusCode.OK, await launch.Content.ReadAsStringAsync(Cancellation));
        Published<Achats.Cohorts.Contracts.CohortLaunched>(launchMessages).ShouldHaveSingleItem().MemberEnrolmentIds.ShouldBe([camille, dominique, claude], ignoreOrder: true);
        (await SendAsync(staff, HttpMethod.Put, $"{cohort}/dates", new
        {
            registrationOpensOn = today.AddDays(-10), registrationClosesOn = today.AddDays(35), startsOn = startsOn.AddDays(7), reason = "Trop tard",
        }, HttpStatusCode.UnprocessableEntity)).GetProperty("type").GetString().ShouldBe("urn:achats:problem:dates-frozen");

        // Attendance, once the plenary has begun: a sheet, then one correction; a stranger is refused and nothing is written.
        var attendance = $"{cohort}/sessions/{plenary}/attendance";
        (await SendAsync(staff, HttpMethod.Put, attendance, Sheet((camille, "Present")), HttpStatusCode.UnprocessableEntity))
            .GetProperty("type").GetString().ShouldBe("urn:achats:problem:session-not-started");
        app.Clock.Advance(TimeSpan.FromDays(2));
        staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        (await SendAsync(staff, HttpMethod.Put, attendance, Sheet((camille, "Present"), (dominique, "Absent"), (claude, "Absent")), HttpStatusCode.OK))
            .GetProperty("changed").GetInt32().ShouldBe(3);
        (await SendAsync(staff, HttpMethod.Put, $"{attendance}/{claude}", new { presence = "Excused" }, HttpStatusCode.OK))
            .GetProperty("changed").GetInt32().ShouldBe(1);
        (await SendAsync(staff, HttpMethod.Put, attendance, Sheet((camille, "Absent"), (Guid.CreateVersion7(), "Present")), HttpStatusCode.UnprocessableEntity))
            .GetProperty("type").GetString().ShouldBe("urn:achats:problem:not-on-roster");
        var rates = await GetAsync(staff, $"{cohort}/attendance");
        var byId = rates.GetProperty("participants").EnumerateArray().ToDictionary(participant => participant.GetProperty("enrolmentId").GetGuid());
        byId[camille].GetProperty("plenaries").GetProperty("rate").GetDouble().ShouldBe(1.0); // the refused sheet changed nothing
        byId[dominique].GetProperty("plenaries").GetProperty("belowThreshold").GetBoolean().ShouldBeTrue();
        byId[claude].GetProperty("plenaries").GetProperty("excused").GetInt32().ShouldBe(1);
        byId[claude].GetProperty("plenaries").GetProperty("belowThreshold").GetBoolean().ShouldBeFalse();
        rates.GetProperty("flaggedCount").GetInt32().ShouldBe(1);

        // A second project, declared for the pair, then moved on to consultation.
        var declared = await SendAsync(staff, HttpMethod.Post, $"{cohort}/projects", new
        {
            enrolmentId = dominique, title = "Restauration scolaire", category = "Catering", themes = new[] { "Solidarity" },
            expectedProcedureOn = startsOn.AddMonths(4), milestone = "NeedExpressed", notes = "Marché à renouveler ; lots « bio » et insertion.",
        }, HttpStatusCode.Created);
        var projectId = declared.GetProperty("projectId").GetGuid();
        await SendAsync(staff, HttpMethod.Put, $"{cohort}/projects/{projectId}", new
        {
            title = "Restauration scolaire", category = "Catering", themes = new[] { "Solidarity" },
            expectedProcedureOn = startsOn.AddMonths(4), milestone = "ConsultationPublished", notes = "Marché à renouveler ; lots « bio » et insertion.",
        }, HttpStatusCode.OK);
        var report = (await GetAsync(staff, $"{cohort}/projects")).GetProperty("report");
        report.GetProperty("total").GetInt32().ShouldBe(4);
        Count(report, "byCategory", "ConstructionAndPublicWorks").ShouldBe(3);
        Count(report, "byCategory", "Catering").ShouldBe(1);
        Count(report, "byTheme", "Both").ShouldBe(3);
        Count(report, "byTheme", "Solidarity").ShouldBe(1);
        Count(report, "byMilestone", "ConsultationPublished").ShouldBe(1);
        Count(report, "byMilestone", "NeedExpressed").ShouldBe(3);

        // Working groups: proposed (the pair together), adjusted, published.
        var groups = await SendAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/proposal", new { minSize = 2, maxSize = 3 }, HttpStatusCode.OK);
        var proposed = groups.GetProperty("groups").EnumerateArray().ToList();
        proposed.ShouldHaveSingleItem().GetProperty("members").GetArrayLength().ShouldBe(3);
        groups.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/moves", new { enrolmentId = camille, toGroupId = (Guid?)null }, HttpStatusCode.OK))
            .GetProperty("unassigned").EnumerateArray().Select(member => member.GetProperty("enrolmentId").GetGuid()).ShouldBe([camille, dominique], ignoreOrder: true);
        await SendAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/moves", new { enrolmentId = dominique, toGroupId = proposed[0].GetProperty("id").GetGuid() }, HttpStatusCode.OK);
        var (publication, publicationMessages) = await app.TrackedAsync(staff, client => client.PostAsync($"{cohort}/working-groups/publication", null, Cancellation));
        publication.StatusCode.ShouldBe(HttpStatusCode.OK, await publication.Content.ReadAsStringAsync(Cancellation));
        Published<WorkingGroupsPublished>(publicationMessages).ShouldHaveSingleItem().Groups.ShouldHaveSingleItem()
            .MemberEnrolmentIds.ShouldBe([camille, dominique, claude], ignoreOrder: true);

        // Claude withdraws: Enrolment says so, the roster hears it, the pair stays whole.
        var (withdrawal, withdrawalMessages) = await app.PostTrackedAsync(staff, $"{Enrolments}/{claude}/withdrawal", new
        {
            version = await _driver.VersionAsync(staff, claude), reason = "Départ de l'entreprise", requestedBy = "Participant",
        });
        withdrawal.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawal.Content.ReadAsStringAsync(Cancellation));
        Published<ParticipantLeftCohort>(withdrawalMessages).ShouldHaveSingleItem().EnrolmentId.ShouldBe(claude);
        roster = await GetAsync(staff, $"{cohort}/roster");
        roster.GetProperty("memberCount").GetInt32().ShouldBe(2);
        roster.GetProperty("formerMembers").EnumerateArray().ShouldHaveSingleItem().GetProperty("leftReason").GetString().ShouldBe("Départ de l'entreprise");

        // The exports, read back as a French Excel would: UTF-8 with BOM, ';' between fields.
        var rosterCsv = await CsvAsync(staff, $"{cohort}/roster.csv");
        rosterCsv[0].ShouldBe(["Nom", "Prénom", "Courriel", "Structure", "SIREN", "Secteur", "Profil", "Binôme", "Admis le", "Parti le", "Motif du départ"]);
        rosterCsv.Count.ShouldBe(4);
        rosterCsv.Single(row => row[1] == "Camille")[7].ShouldBe("Dominique Durand");
        rosterCsv.Single(row => row[1] == "Claude")[10].ShouldBe("Départ de l'entreprise");

        var attendanceCsv = await CsvAsync(staff, $"{cohort}/attendance.csv");
        attendanceCsv[0].ShouldContain($"{startsOn.AddDays(1):dd/MM/yyyy} 09:30 Séance plénière : Séance de lancement");
        var column = attendanceCsv[0].IndexOf($"{startsOn.AddDays(1):dd/MM/yyyy} 09:30 Séance plénière : Séance de lancement");
        attendanceCsv.Single(row => row[0] == "Dominique Durand")[column].ShouldBe("Absent");
        attendanceCsv.Single(row => row[0] == "Claude Durand")[column].ShouldBe("Excusé");
        attendanceCsv.Single(row => row[0] == "Dominique Durand")[^1].ShouldBe("Oui");

        var projectsCsv = await CsvAsync(staff, $"{cohort}/projects.csv");
        var school = projectsCsv.Single(row => row[0] == "Restauration scolaire");
        school[1].ShouldBe("Restauration");
        school[2].ShouldBe("Économie sociale et solidaire");
        school[4].ShouldBe("Consultation publiée");
        school[5].ShouldBe("Dominique Durand, Camille Durand");
        school[7].ShouldBe("Marché à renouveler ; lots « bio » et insertion.");

        // Closed: the programme no longer changes.
        var (closure, closureMessages) = await app.TrackedAsync(staff, client => client.PostAsync($"{cohort}/closure", null, Cancellation));
        closure.StatusCode.ShouldBe(HttpStatusCode.OK);
        Published<Achats.Cohorts.Contracts.CohortClosed>(closureMessages).ShouldHaveSingleItem();
        (await GetAsync(staff, cohort)).GetProperty("status").GetString().ShouldBe("Closed");
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Bilan" }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("type").GetString().ShouldBe("urn:achats:problem:cohort-closed");
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_in_French_and_writes_nothing()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var cohort = $"{Cohorts}/{cohortId}";
        var sequenceId = (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Séquence" }, HttpStatusCode.Created)).GetProperty("createdId").GetGuid();

        var problem = await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions", new
        {
            sequenceId, title = "", kind = "Matchmaking", startsAt = "2027-03-28T02:30:00", endsAt = "2027-03-28T01:00:00", modality = "Hybrid",
        }, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("title")[0].GetString().ShouldBe("Le titre de la séance est obligatoire.");
        errors.GetProperty("startsAt")[0].GetString().ShouldBe("Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été).");
        errors.GetProperty("meetingLink")[0].GetString().ShouldBe("Une séance en ligne ou hybride a besoin d'un lien de connexion.");
        errors.GetProperty("venue")[0].GetString().ShouldBe("Une séance en présentiel ou hybride a besoin d'un lieu.");
        errors.GetProperty("categories")[0].GetString().ShouldBe("Une mise en relation couvre au moins une catégorie d'achat.");

        var unknown = (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions", new { sequenceId, title = "x", kind = "Concert" }, HttpStatusCode.BadRequest))
            .GetProperty("errors");
        unknown.GetProperty("kind").GetArrayLength().ShouldBe(1);
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions", new { sequenceId, title = "x", kind = "Plenary", modality = "Online", meetingLink = "https://v.example" },
            HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("startsAt")[0].GetString().ShouldBe("L'heure de début est obligatoire.");
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sessions", new
        {
            sequenceId, title = "x", kind = "Plenary", modality = "Online", meetingLink = "https://v.example", startsAt = "2027-01-14T09:30:00+01:00", endsAt = "0001-01-01T00:00:00",
        }, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("startsAt")[0].GetString().ShouldBe("Donnez l'heure de Paris sans fuseau horaire, par exemple 2021-01-14T09:30.");
        (await SendAsync(staff, HttpMethod.Put, $"{cohort}/sequences/order", new { }, HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("order")[0].GetString().ShouldBe("Donnez l'ordre des séquences.");
        var someSession = $"{cohort}/sessions/{Guid.CreateVersion7()}/attendance";
        (await SendAsync(staff, HttpMethod.Put, someSession, new { }, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("entries").GetArrayLength().ShouldBe(1);
        (await SendAsync(staff, HttpMethod.Put, someSession, new { entries = new object?[] { null } }, HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("entries[0]")[0].GetString().ShouldBe("Une ligne de la feuille est vide.");
        (await SendAsync(staff, HttpMethod.Put, $"{someSession}/{Guid.CreateVersion7()}", new { }, HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("entries[0].presence")[0].GetString().ShouldBe("Indiquez la présence : présent, absent ou excusé.");
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/proposal", new { minSize = 5, maxSize = 3 }, HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("maxSize")[0].GetString().ShouldBe("La taille maximale ne peut être inférieure à la taille minimale.");
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/proposal", new { minSize = 2, maxSize = 3 }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("type").GetString().ShouldBe("urn:achats:problem:empty-roster");
        (await SendAsync(staff, HttpMethod.Post, $"{cohort}/projects", new
        {
            enrolmentId = Guid.CreateVersion7(), title = "Projet", category = "Catering", themes = new[] { "Circular" }, milestone = "NeedExpressed",
        }, HttpStatusCode.UnprocessableEntity)).GetProperty("type").GetString().ShouldBe("urn:achats:problem:not-on-roster");
        await SendAsync(staff, HttpMethod.Get, $"{Cohorts}/{Guid.CreateVersion7()}/roster", null, HttpStatusCode.NotFound);

        var view = await GetAsync(staff, cohort);
        view.GetProperty("sequences")[0].GetProperty("sessions").GetArrayLength().ShouldBe(0);
        await using var session = app.Store.QuerySession();
        (await session.Query<Achats.Cohorts.Projects.PurchasingProject>().CountAsync(project => project.CohortId == cohortId, Cancellation)).ShouldBe(0);
        (await session.Events.FetchStreamAsync(cohortId, token: Cancellation)).Count.ShouldBe(2); // planned, sequence added
    }

    [Fact]
    public async Task Two_staff_scheduling_overlapping_sessions_at_the_same_moment_get_one_session_and_a_clear_refusal()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var cohort = $"{Cohorts}/{cohortId}";
        var sequenceId = (await SendAsync(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Séquence" }, HttpStatusCode.Created)).GetProperty("createdId").GetGuid();
        var day = app.Clock.TodayInParis().AddDays(50).ToDateTime(TimeOnly.MinValue);

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => staff.PostAsJsonAsync($"{cohort}/sessions",
            Session(sequenceId, $"Plénière {n}", "Plenary", day.AddHours(9 + n * 0.25), day.AddHours(11)), Cancellation)));

        responses.Count(response => response.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity); // lost the race, or saw the winner
            (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        (await GetAsync(staff, cohort)).GetProperty("sequences")[0].GetProperty("sessions").GetArrayLength().ShouldBe(1);
    }

    private static object Session(Guid sequenceId, string title, string kind, DateTime startsAt, DateTime endsAt, bool parallel = false) => new
    {
        sequenceId, title, kind,
        startsAt = startsAt.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        endsAt = endsAt.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        modality = "Online", meetingLink = "https://visio.example/achats", parallel,
    };

    private static object Sheet(params (Guid EnrolmentId, string Presence)[] marks) =>
        new { entries = marks.Select(mark => new { enrolmentId = mark.EnrolmentId, presence = mark.Presence }).ToArray() };

    private static int Count(JsonElement report, string by, string key) =>
        report.GetProperty(by).EnumerateArray().Single(line => line.GetProperty("key").GetString() == key).GetProperty("count").GetInt32();

    private async Task PublishCharterAsync(HttpClient staff, Guid cohortId)
    {
        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement", body = "Les participants s'engagent pour toute l'édition.", commitments = new[] { "Participer aux séances plénières." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Pre-registered, made eligible where needed, validated, signed on paper: Enrolment admits, and Cohorts hears it.</summary>
    private async Task<(Guid EnrolmentId, Wolverine.Tracking.ITrackedSession Admission)> AdmitAsync(
        HttpClient staff, Guid cohortId, string firstName, string profile, string kind, string siren, Guid? pairWith = null)
    {
        var form = Form(cohortId, siren, email: $"{firstName.ToLowerInvariant()}.{Guid.CreateVersion7():N}@structure.test");
        var participant = (Dictionary<string, object?>)form["participant"]!;
        participant["firstName"] = firstName;
        participant["profile"] = profile;
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = kind;
        organisation["communeInseeCode"] = kind == "CommuneEptOrMetropole" ? "93048" : null;
        var enrolmentId = (await _driver.PreRegisterAsync(form)).GetProperty("enrolmentId").GetGuid();
        if (kind == "PrivateCompany")
        {
            (await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/eligibility-override", new
            {
                version = await _driver.VersionAsync(staff, enrolmentId), free = true, reason = "Adhésion à l'ObsAR en cours, confirmée par téléphone.",
            }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        if (pairWith is { } colleague)
        {
            (await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/pair", new { colleagueEnrolmentId = colleague }, Cancellation))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation", new { version = await _driver.VersionAsync(staff, enrolmentId) });
        validated.StatusCode.ShouldBe(HttpStatusCode.OK, await validated.Content.ReadAsStringAsync(Cancellation));
        var (signed, admission) = await app.PostTrackedAsync(staff, $"/api/charter/v1/signatures/{enrolmentId}/paper", new
        {
            signedOn = app.Clock.TodayInParis(), signerName = $"{firstName} Durand", role = "Acheteur", note = "Original classé au dossier.",
        });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync(Cancellation));
        Published<EnrolmentAdmitted>(admission).ShouldHaveSingleItem().EnrolmentId.ShouldBe(enrolmentId);
        return (enrolmentId, admission);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url) =>
        await ReadAsync(await client.GetAsync(url, Cancellation), HttpStatusCode.OK);

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Reads an export as Excel would, checking the byte order mark and the separator, quotes included.</summary>
    private static async Task<List<string[]>> CsvAsync(HttpClient staff, string url)
    {
        var response = await staff.GetAsync(url, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        text.ShouldEndWith("\r\n");
        return ParseCsv(text);
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ';') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else { field.Append(c); }
        }

        return rows;
    }
}

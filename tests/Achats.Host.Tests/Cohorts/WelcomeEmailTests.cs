using System.Globalization;
using System.Net;
using Achats.Cohorts.Roster;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Time;
using Achats.Shared.Validation;
using Achats.Testing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// The welcome at admission, on real PostgreSQL: one email per new member of the roster, with the cohort's next sessions in
/// Paris time and as a calendar file, its LinkedIn group when staff gave one, and when the participants' space opens.
/// </summary>
public sealed class WelcomeEmailTests(WelcomeEmailTests.CohortsWithAdmissions app) : IClassFixture<WelcomeEmailTests.CohortsWithAdmissions>
{
    private const string Welcome = "Bienvenue";
    private const string Group = CohortsWithAdmissions.LinkedInGroup;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admission_sends_one_welcome_with_the_next_three_sessions_in_Paris_time()
    {
        var welcome = (await app.EmailsToAsync(app.CamilleEmail)).Where(email => email.Subject.StartsWith(Welcome, StringComparison.Ordinal)).ShouldHaveSingleItem();

        welcome.Subject.ShouldBe($"Bienvenue dans le programme Achats circulaires et solidaires — {app.CohortName}");
        welcome.Text.ShouldContain("Bonjour Camille,");
        welcome.Text.ShouldContain($"Vous êtes admis·e dans l'édition « {app.CohortName} »");
        welcome.Text.ShouldContain($"Séance de lancement\nLe {Day(app.StartsOn.AddDays(1))}, de 9 h 30 à 12 h 00, en ligne\nRejoindre la séance en ligne : https://visio.example/lancement");
        welcome.Text.ShouldContain($"Atelier réemploi\nLe {Day(app.StartsOn.AddDays(2))}, de 14 h 00 à 16 h 30, en présentiel\nLieu : Hôtel de la Métropole, 15 avenue Pierre Mendès-France, Paris");
        welcome.Text.ShouldContain($"Rencontre avec des structures de l'ESS\nLe {Day(app.StartsOn.AddDays(3))}, de 10 h 00 à 12 h 00, hybride\nLieu : Pavillon de l'Arsenal\nRejoindre la séance en ligne : https://visio.example/rencontre");
        welcome.Text.ShouldNotContain("Deuxième plénière"); // the fourth to come
        welcome.Text.ShouldNotContain("Séance annulée"); // cancelled, though the first
        welcome.Text.ShouldContain($"ouvrira au lancement de l'édition, prévu le {FrenchDates.Long(app.StartsOn)}.");
        welcome.Text.ShouldContain("votre page Mon inscription : http://localhost:5080/mon-inscription.");
        welcome.Html.ShouldNotBeNull().ShouldContain("<a href=\"https://visio.example/lancement\"");
        welcome.Text.ShouldNotContain("{{");
    }

    [Fact]
    public async Task The_calendar_file_holds_those_sessions_in_Paris_time_each_with_the_UID_staff_files_give_it()
    {
        var camille = (await app.LatestEmailToAsync(app.CamilleEmail, Welcome)).Attachments.ShouldHaveSingleItem();
        var dominique = (await app.LatestEmailToAsync(app.DominiqueEmail, Welcome)).Attachments.ShouldHaveSingleItem();

        camille.FileName.ShouldBe("premieres-seances.ics");
        camille.MediaType.ShouldBe("text/calendar");
        var events = Ical.Net.Calendar.Load(camille.Content)!.Events.OrderBy(calendarEvent => calendarEvent.DtStart!.AsUtc).ToList();
        events.Select(calendarEvent => calendarEvent.Uid).ShouldBe(app.ShownSessions.Select(id => $"{id}@{CalendarFile.UidDomain}"));
        events.Select(calendarEvent => calendarEvent.Uid).ShouldBe(Ical.Net.Calendar.Load(dominique.Content)!.Events.OrderBy(calendarEvent => calendarEvent.DtStart!.AsUtc).Select(calendarEvent => calendarEvent.Uid));
        events[0].Summary.ShouldBe("Séance de lancement");
        events[0].Location.ShouldBe("https://visio.example/lancement");
        events[1].Location.ShouldBe("Hôtel de la Métropole, 15 avenue Pierre Mendès-France, Paris");
        events[2].Description.ShouldNotBeNull().ShouldContain("Mise en relation");
        var launch = ParisTime.FromParis(app.StartsOn.AddDays(1).ToDateTime(new TimeOnly(9, 30)))!.Value;
        var lines = camille.Content.ReplaceLineEndings("\n").Split('\n');
        lines.ShouldContain($"DTSTART;TZID=Europe/Paris:{app.StartsOn.AddDays(1):yyyyMMdd}T093000");
        lines.ShouldContain($"DTEND;TZID=Europe/Paris:{app.StartsOn.AddDays(1):yyyyMMdd}T120000");
        events[0].DtStart!.AsUtc.ShouldBe(launch.UtcDateTime);
    }

    [Fact]
    public async Task The_LinkedIn_group_is_given_and_every_link_is_followed_or_of_the_right_form()
    {
        var welcome = await app.LatestEmailToAsync(app.CamilleEmail, Welcome);
        var site = new Uri(PublicSite.From(app.Services.GetRequiredService<IConfiguration>()).BaseUrl);
        using var browser = app.CreateBrowserClient();

        welcome.Text.ShouldContain($"Rejoindre le groupe LinkedIn : {Group}");
        var external = welcome.Links.Where(link => link.Authority != site.Authority).Select(link => link.ToString()).Order(StringComparer.Ordinal);
        external.ShouldBe(["https://visio.example/lancement", "https://visio.example/rencontre", Group]);
        var own = welcome.Links.Where(link => link.Authority == site.Authority).ToList();
        own.Select(link => link.AbsolutePath).Order(StringComparer.Ordinal).ShouldBe([PublicSite.PrivacyPath, ParticipantSession.SignInPath]);
        foreach (var link in own)
        {
            (await browser.GetAsync(link.PathAndQuery, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, link.ToString());
        }
    }

    [Fact]
    public async Task A_redelivered_admission_sends_no_second_welcome()
    {
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(app.CamilleAdmitted).AsTask()));

        (await app.EmailsToAsync(app.CamilleEmail)).Count(email => email.Subject.StartsWith(Welcome, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_cohort_with_no_session_says_the_calendar_will_follow_and_without_a_group_names_none()
    {
        var welcome = await app.LatestEmailToAsync(app.ClaudeEmail, Welcome);

        welcome.Text.ShouldContain("Aucune séance n'est encore programmée : l'équipe du programme vous communiquera le calendrier dès qu'il sera fixé.");
        welcome.Text.ShouldNotContain("LinkedIn");
        welcome.Text.ShouldNotContain("séance en ligne");
        welcome.Attachments.ShouldBeEmpty();
        welcome.Links.Select(link => link.AbsolutePath).Order(StringComparer.Ordinal).ShouldBe([PublicSite.PrivacyPath, ParticipantSession.SignInPath]);
    }

    [Fact]
    public async Task Staff_read_the_group_in_the_cohort_and_on_its_page_and_the_same_address_again_changes_nothing()
    {
        var before = await GetAsync<CohortGroupAnswer>(app.Staff, $"{CohortsApi}/{app.CohortId}");

        var again = await SendAsync<CohortChangeAnswer>(app.Staff, HttpMethod.Put, $"{CohortsApi}/{app.CohortId}/linkedin-group", new { url = $" {Group} " }, HttpStatusCode.OK);

        before.LinkedInGroup.ShouldBe(Group);
        again.Version.ShouldBe(before.Version);
        (await app.Staff.GetStringAsync($"/editions/{app.CohortId}", Cancellation)).ShouldContain($"<a href=\"{Group}\"");
    }

    public static TheoryData<string, string> RefusedAddresses => new()
    {
        { "http://www.linkedin.com/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "https://www.linkedin.com.ailleurs.test/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "https://ailleurs.test/www.linkedin.com/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "https://www.linkedin.com@ailleurs.test/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "https://www.linkedin.com:8443/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "www.linkedin.com/groups/1234567/", "Donnez l'adresse https:// d'un groupe sur linkedin.com" },
        { "https://www.linkedin.com/groups/12\u00003/", TextRules.InvisibleCharacter },
        { "https://www.linkedin.com/groups/" + new string('1', 300), "ne doit pas dépasser 300 caractères" },
    };

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task An_address_other_than_https_on_linkedin_com_is_refused_beside_its_field_and_nothing_is_written(string url, string message)
    {
        var before = await GetAsync<CohortGroupAnswer>(app.Staff, $"{CohortsApi}/{app.EmptyCohortId}");

        var refused = await SendAsync<Problem>(app.Staff, HttpMethod.Put, $"{CohortsApi}/{app.EmptyCohortId}/linkedin-group", new { url }, HttpStatusCode.BadRequest);

        refused.Error("url").ShouldContain(message);
        var after = await GetAsync<CohortGroupAnswer>(app.Staff, $"{CohortsApi}/{app.EmptyCohortId}");
        after.ShouldBe(before);
        after.LinkedInGroup.ShouldBeNull();
    }

    [Fact]
    public async Task The_group_of_a_cohort_that_does_not_exist_is_not_found()
    {
        var refused = await SendAsync<Problem>(app.Staff, HttpMethod.Put, $"{CohortsApi}/{Guid.CreateVersion7()}/linkedin-group",
            new { url = "https://www.linkedin.com/groups/1234567/" }, HttpStatusCode.NotFound);

        refused.Detail.ShouldBe("Aucune édition ne porte cet identifiant.");
    }

    /// <summary>« jeudi 14 janvier 2027 ».</summary>
    private static string Day(DateOnly date) => $"{date.ToString("dddd", French)} {FrenchDates.Long(date)}";

    private sealed record CohortGroupAnswer(int Version, string? LinkedInGroup);

    /// <summary>
    /// Two cohorts open for registration, their charters published. The first has a programme (a session cancelled on
    /// its first day, then three to come: online, in person, hybrid, and a fourth later) and a LinkedIn group; Camille
    /// and Dominique are admitted to it. The second has neither: Claude is admitted to it.
    /// </summary>
    public sealed class CohortsWithAdmissions(PostgresServer postgres) : AchatsApp(postgres)
    {
        public const string LinkedInGroup = "https://www.linkedin.com/groups/9876543/";

        public HttpClient Staff { get; private set; } = null!;

        public Guid CohortId { get; private set; }

        public string CohortName { get; private set; } = "";

        public DateOnly StartsOn { get; private set; }

        public Guid EmptyCohortId { get; private set; }

        public IReadOnlyList<Guid> ShownSessions { get; private set; } = [];

        public EnrolmentAdmitted CamilleAdmitted { get; private set; } = null!;

        public string CamilleEmail { get; private set; } = "";

        public string DominiqueEmail { get; private set; } = "";

        public string ClaudeEmail { get; private set; } = "";

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Staff = await SignedInAsync(StaffRole.ProgrammeStaff);
            var enrolment = new EnrolmentDriver(this);
            CohortId = await enrolment.OpenCohortAsync(Staff);
            EmptyCohortId = await enrolment.OpenCohortAsync(Staff);
            var cohort = await GetAsync<CohortFacts>(Staff, $"{CohortsApi}/{CohortId}");
            (CohortName, StartsOn) = (cohort.Name, cohort.StartsOn);
            await PublishCharterAsync(Staff, CohortId);
            await PublishCharterAsync(Staff, EmptyCohortId);
            ShownSessions = await ProgrammeAsync();
            await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Put, $"{CohortsApi}/{CohortId}/linkedin-group", new { url = LinkedInGroup }, HttpStatusCode.OK);

            var driver = new CohortDriver(this);
            var (camille, admission) = await driver.AdmitAsync(Staff, CohortId, "Camille", "PublicBuyer", "CommuneEptOrMetropole", NewSiren());
            CamilleAdmitted = Published<EnrolmentAdmitted>(admission).Single();
            var (dominique, _) = await driver.AdmitAsync(Staff, CohortId, "Dominique", "Prescriber", "CommuneEptOrMetropole", NewSiren());
            var (claude, _) = await driver.AdmitAsync(Staff, EmptyCohortId, "Claude", "PrivateBuyer", "PrivateCompany", NewSiren());
            await using var session = Store.QuerySession();
            CamilleEmail = (await session.LoadAsync<RosterMember>(camille))!.Email;
            DominiqueEmail = (await session.LoadAsync<RosterMember>(dominique))!.Email;
            ClaudeEmail = (await session.LoadAsync<RosterMember>(claude))!.Email;
        }

        /// <summary>The sessions, scheduled out of order; answers the three the welcome shows, in their order.</summary>
        private async Task<IReadOnlyList<Guid>> ProgrammeAsync()
        {
            var cohort = $"{CohortsApi}/{CohortId}";
            var sequenceId = (await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Comprendre l'achat circulaire" }, HttpStatusCode.Created))
                .CreatedId!.Value;
            var day = StartsOn.ToDateTime(TimeOnly.MinValue);
            await ScheduleAsync(Session(sequenceId, "Deuxième plénière", "Plenary", day.AddDays(10).AddHours(9.5), day.AddDays(10).AddHours(12)));
            var hybrid = await ScheduleAsync(new
            {
                sequenceId, title = "Rencontre avec des structures de l'ESS", kind = "Matchmaking", startsAt = Wall(day.AddDays(3).AddHours(10)),
                endsAt = Wall(day.AddDays(3).AddHours(12)), modality = "Hybrid", meetingLink = "https://visio.example/rencontre", venue = "Pavillon de l'Arsenal",
                categories = new[] { "Catering" },
            });
            var online = await ScheduleAsync(new
            {
                sequenceId, title = "Séance de lancement", kind = "Plenary", startsAt = Wall(day.AddDays(1).AddHours(9.5)), endsAt = Wall(day.AddDays(1).AddHours(12)),
                modality = "Online", meetingLink = "https://visio.example/lancement",
            });
            var inPerson = await ScheduleAsync(new
            {
                sequenceId, title = "Atelier réemploi", kind = "Workshop", startsAt = Wall(day.AddDays(2).AddHours(14)), endsAt = Wall(day.AddDays(2).AddHours(16.5)),
                modality = "InPerson", venue = "Hôtel de la Métropole, 15 avenue Pierre Mendès-France, Paris",
            });
            var cancelled = await ScheduleAsync(Session(sequenceId, "Séance annulée", "Plenary", day.AddHours(14), day.AddHours(16)));
            await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{cohort}/sessions/{cancelled}/cancellation", new { reason = "Salle indisponible" }, HttpStatusCode.OK);
            return [online, inPerson, hybrid];
        }

        private async Task<Guid> ScheduleAsync(object session) =>
            (await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{CohortsApi}/{CohortId}/sessions", session, HttpStatusCode.Created)).CreatedId!.Value;

        private static string Wall(DateTime paris) => paris.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        private sealed record CohortFacts(string Name, DateOnly StartsOn);
    }
}

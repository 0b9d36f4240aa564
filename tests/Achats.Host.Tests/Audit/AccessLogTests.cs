using System.Net;
using Achats.Audit.AccessLog;
using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// Reads of personal data are logged (issue 18, part 5): an enrolment's page, its timeline, a cohort's audit view or
/// export; administrators consult the log, filtered by the person acting and by date; nobody else may.
/// </summary>
public sealed class AccessLogTests(ApiWithAdmittedParticipants app) : IClassFixture<ApiWithAdmittedParticipants>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reading_an_enrolment_s_page_leaves_a_record_of_who_what_and_when()
    {
        var reader = await SignedInAsync(StaffRole.Auditor, "Aude Lectrice");

        var (response, _) = await app.TrackedAsync(reader, client => client.GetAsync($"/inscriptions/{app.Claude}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = (await ReadsAsync("Aude Lectrice")).ShouldHaveSingleItem();
        read.What.ShouldBe("enrolment-page");
        read.SubjectId.ShouldBe(app.Claude);
        read.Who.ShouldBe("Aude Lectrice (Audit)");
        read.At.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Reading_an_enrolment_s_timeline_through_the_API_or_a_cohort_s_audit_view_is_logged_too()
    {
        var reader = await SignedInAsync(StaffRole.ProgrammeStaff, "Paul Programme");

        (await app.TrackedAsync(reader, client => client.GetAsync($"/api/enrolment/v1/enrolments/{app.Dominique}/timeline"))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.TrackedAsync(reader, client => client.GetAsync($"/audit?edition={app.CohortId}"))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var reads = await ReadsAsync("Paul Programme");
        reads.Select(read => (read.What, read.SubjectId)).ShouldBe([("enrolment-timeline", app.Dominique), ("cohort-audit", app.CohortId)], ignoreOrder: true);
    }

    [Fact]
    public async Task An_administrator_consults_the_log_filtered_by_the_person_acting_and_by_date()
    {
        var reader = await SignedInAsync(StaffRole.Auditor, "Irène Consultante");
        await app.TrackedAsync(reader, client => client.GetAsync($"/inscriptions/{app.Camille}"));
        var admin = await app.SignedInAsync(StaffRole.Administrator);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var hers = await admin.GetStringAsync($"/journal-des-acces?qui=irène&du={today}&au={today}", Cancel);
        var yesterday = await admin.GetStringAsync($"/journal-des-acces?qui=irène&au={DateTimeOffset.UtcNow.AddDays(-2):yyyy-MM-dd}", Cancel);
        var someoneElse = await admin.GetStringAsync("/journal-des-acces?qui=Personne%20Inconnue", Cancel);

        hers.ShouldContain("Irène Consultante (Audit)");
        hers.ShouldContain("Fiche d&#x27;une inscription");
        hers.ShouldContain("1 consultation");
        yesterday.ShouldContain("Aucune consultation ne répond à ces filtres.");
        someoneElse.ShouldContain("Aucune consultation ne répond à ces filtres.");
    }

    [Fact]
    public async Task A_date_that_is_not_one_or_dates_in_the_wrong_order_are_refused_beside_their_field()
    {
        var admin = await app.SignedInAsync(StaffRole.Administrator);

        var notADate = await admin.GetAsync("/journal-des-acces?du=hier", Cancel);
        var reversed = await admin.GetAsync("/journal-des-acces?du=2026-05-02&au=2026-05-01", Cancel);

        notADate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notADate.Content.ReadAsStringAsync(Cancel)).ShouldContain("Saisissez une date au format jj/mm/aaaa.");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reversed.Content.ReadAsStringAsync(Cancel)).ShouldContain("La date de fin doit suivre la date de début.");
    }

    [Theory]
    [InlineData(StaffRole.ProgrammeStaff)]
    [InlineData(StaffRole.Auditor)]
    public async Task The_log_is_refused_to_programme_staff_and_auditors(string role)
    {
        var staff = await app.SignedInAsync(role);

        (await staff.GetAsync("/journal-des-acces", Cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> SignedInAsync(string role, string name)
    {
        var email = await app.OpenStaffAccountAsync(role, name);
        var client = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(client, email);
        return client;
    }

    private async Task<IReadOnlyList<PersonalDataReadEntry>> ReadsAsync(string who)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<PersonalDataReadEntry>().Where(read => read.Who.StartsWith(who)).ToListAsync();
    }
}

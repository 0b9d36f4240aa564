using System.Globalization;
using System.Net;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// The auditor's view of a cohort (issue 18, part 3): its enrolments with their timelines, an enrolment's state at any
/// instant (Paris time), who did what by actor. It only reads.
/// </summary>
public sealed class AuditorViewTests(ApiWithAdmittedParticipants app) : IClassFixture<ApiWithAdmittedParticipants>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient _auditor = null!;

    public async ValueTask InitializeAsync() => _auditor = await app.SignedInAsync(StaffRole.Auditor);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_enrolment_s_state_just_before_and_just_after_its_validation()
    {
        var validatedAt = new DateTimeOffset(await app.ScalarAsync<DateTime>(
            "select \"timestamp\" from events.mt_events where stream_id = $1 and type = 'enrolment.pre_registration_validated'", app.Claude));

        var before = await app.InvokeAsync<EnrolmentSummary>(new GetEnrolmentSummary(app.Claude, validatedAt.AddTicks(-10)));
        var after = await app.InvokeAsync<EnrolmentSummary>(new GetEnrolmentSummary(app.Claude, validatedAt));

        before.Status.ShouldBe("Pré-inscrite");
        before.ValidatedAt.ShouldBeNull();
        after.Status.ShouldBe("Validée, charte à signer");
        after.ValidatedAt.ShouldNotBeNull();
        after.Version.ShouldBe(before.Version + 1);
    }

    [Fact]
    public async Task The_picker_reads_a_Paris_date_and_time_and_shows_the_state_then()
    {
        var later = Paris(DateTimeOffset.UtcNow.AddMinutes(2));
        var enrolment = await app.InvokeAsync<EnrolmentSummary>(new GetEnrolmentSummary(app.Claude, null));

        var now = await _auditor.GetAsync(Picker(later), Cancel);
        var beforeAnything = await _auditor.GetStringAsync(Picker("2020-01-01T10:00"), Cancel);

        now.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await now.Content.ReadAsStringAsync(Cancel);
        page.ShouldContain($"{enrolment.LastName} Claude");
        page.ShouldContain("<dd>Admise</dd>");
        beforeAnything.ShouldContain("n&#x27;avait pas encore d&#x27;inscription le 01/01/2020 à 10:00");
    }

    [Fact]
    public async Task A_time_Paris_skips_when_clocks_go_forward_is_refused_beside_the_field()
    {
        var response = await _auditor.GetAsync(Picker("2027-03-28T02:30"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("Cette heure n&#x27;existe pas à Paris ce jour-là");
    }

    [Fact]
    public async Task The_view_shows_each_enrolment_s_timeline_and_who_did_what_by_actor()
    {
        var page = await _auditor.GetStringAsync($"/audit?edition={app.CohortId}", Cancel);

        page.ShouldContain("Inscriptions et leur historique (3)");
        page.ShouldContain("Pré-inscription validée");
        page.ShouldContain("Qui a fait quoi");
        page.ShouldContain("Test ProgrammeStaff (Équipe du programme");
        page.ShouldNotContain(app.Claude.ToString() + "<");
    }

    [Fact]
    public async Task An_unknown_cohort_is_refused_beside_the_field()
    {
        var response = await _auditor.GetAsync($"/audit?edition={Guid.CreateVersion7()}", Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("Cette édition n&#x27;existe pas.");
    }

    private string Picker(string instant) => $"/audit?edition={app.CohortId}&inscription={app.Claude}&instant={instant}";

    private static string Paris(DateTimeOffset instant) => instant.InParis().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}

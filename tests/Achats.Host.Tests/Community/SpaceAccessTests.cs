using System.Net;
using System.Net.Http.Json;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>Who enters a cohort's space, kept from Cohorts' and Enrolment's messages, checked on every request.</summary>
public sealed class SpaceAccessTests(SpaceUnderWay app) : IClassFixture<SpaceUnderWay>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_launch_opened_the_space_with_the_roster_its_sessions_and_working_groups()
    {
        var space = await app.SpaceAsync();

        space.IsOpen.ShouldBeTrue();
        space.Members.Select(member => member.EnrolmentId).ShouldBe([app.Camille, app.Dominique, app.Claude], ignoreOrder: true);
        space.Sessions.ShouldContain(session => session.SessionId == app.Plenary);
        space.Sessions.ShouldContain(session => session.IsCancelled, "the matchmaking session, cancelled");
        space.Groups.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_member_reads_the_home_of_their_space_through_the_API_and_the_page()
    {
        var home = await app.CamilleClient.GetFromJsonAsync<SpaceHome>(app.Space, Cancellation);

        home!.Name.ShouldNotBeNullOrEmpty();
        home.Archived.ShouldBeFalse();
        using var page = await app.CamilleClient.GetAsync(app.Page, Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Prochaines séances");
    }

    [Fact]
    public async Task Staff_enter_and_an_anonymous_visitor_is_sent_to_ask_for_a_sign_in_link()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        (await auditor.GetAsync(app.Page, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var anonymous = app.CreateBrowserClient();
        using var refused = await anonymous.GetAsync(app.Page, Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldContain("/mon-inscription");
    }

    [Fact]
    public async Task A_participant_of_no_space_of_this_cohort_is_refused_with_a_French_reason()
    {
        using var stranger = await app.ParticipantAsync($"inconnu.{Guid.CreateVersion7():N}@ville.test");

        using var refused = await stranger.GetAsync(app.Space, Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("réservé aux participants");
    }

    [Fact]
    public async Task An_unknown_space_is_not_found()
    {
        using var missing = await app.CamilleClient.GetAsync($"/api/community/v1/spaces/{Guid.CreateVersion7()}", Cancellation);

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_member_withdrawn_in_Enrolment_is_refused_at_their_very_next_request()
    {
        (await app.ClaudeClient.GetAsync(app.Space, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.WithdrawAsync(app.Claude, "Départ de l'entreprise");

        using var refused = await app.ClaudeClient.GetAsync(app.Space, Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("ne faites plus partie");
        (await app.SpaceAsync()).Member(app.Claude)!.IsCurrent.ShouldBeFalse();
    }
}

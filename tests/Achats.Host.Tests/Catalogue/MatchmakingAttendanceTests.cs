using System.Net;
using Achats.Catalogue.Matchmaking;
using Achats.Cohorts.Attendance;
using Achats.Cohorts.Contracts;
using Achats.Host.Tests.Cohorts;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Catalogue;

/// <summary>
/// Launched, then a matchmaking session scheduled through Cohorts, a caterer invited to it through the catalogue, and
/// the session's day come: Cohorts' attendance sheet and the catalogue's session are two streams about one session.
/// </summary>
public sealed class ApiWithInvitedMatchmaking(PostgresServer postgres) : ApiWithLaunchedCohort(postgres)
{
    public Guid Matchmaking { get; private set; }

    public Guid InvitationId { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var day = StartsOn.AddDays(3);
        var (scheduled, _) = await PostTrackedAsync(Staff, $"{Cohort}/sessions", new
        {
            sequenceId = SequenceId, title = "Rencontre avec des traiteurs solidaires", kind = "Matchmaking",
            startsAt = $"{day:yyyy-MM-dd}T10:00:00", endsAt = $"{day:yyyy-MM-dd}T12:00:00",
            modality = "Online", meetingLink = "https://visio.example/traiteurs", categories = new[] { "Catering" },
        });
        Matchmaking = (await scheduled.ReadAsync<CohortChangeAnswer>(HttpStatusCode.Created)).CreatedId!.Value;
        var caterer = await this.PublishedAsync(CatalogueSolutions.Content("Repas solidaires", $"repas.{Guid.CreateVersion7():N}@fournisseur.example.org",
            [PurchaseCategory.Catering]));
        var (invited, _) = await PostTrackedAsync(Staff, $"/api/catalogue/v1/matchmaking/sessions/{Matchmaking}/invitations", new { solutionIds = new[] { caterer } });
        InvitationId = (await invited.ReadAsync<SuppliersInvitedAnswer>(HttpStatusCode.OK)).InvitationIds.Single();
        await AdvanceAsync(TimeSpan.FromDays(4));
    }
}

/// <summary>Attendance at a matchmaking session leaves the catalogue's session and its invitations as they were.</summary>
public sealed class MatchmakingAttendanceTests(ApiWithInvitedMatchmaking api) : IClassFixture<ApiWithInvitedMatchmaking>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attendance_recorded_at_a_matchmaking_session_starts_its_own_sheet_and_keeps_the_invitations()
    {
        var sheet = await SendAsync<AttendanceChangeAnswer>(api.Staff, HttpMethod.Put, $"{api.Cohort}/sessions/{api.Matchmaking}/attendance",
            Sheet((api.Camille, "Present"), (api.Claude, "Absent")), HttpStatusCode.OK);

        sheet.Version.ShouldBe(1);
        var session = await (await api.Staff.GetAsync($"/api/catalogue/v1/matchmaking/sessions/{api.Matchmaking}", Cancellation))
            .ReadAsync<MatchmakingSessionView>(HttpStatusCode.OK);
        session.SessionId.ShouldBe(api.Matchmaking);
        session.Invitations.ShouldHaveSingleItem().InvitationId.ShouldBe(api.InvitationId);

        await using var store = api.Store.QuerySession();
        (await store.Events.FetchStreamAsync(api.Matchmaking, token: Cancellation)).Select(e => e.Data)
            .ShouldAllBe(data => data is AttendanceRecorded);
        (await store.Events.FetchStreamAsync(MatchmakingSession.StreamIdOf(api.Matchmaking), token: Cancellation)).Select(e => e.Data.GetType())
            .ShouldBe([typeof(MatchmakingSessionKept), typeof(SuppliersInvited)]);
    }
}

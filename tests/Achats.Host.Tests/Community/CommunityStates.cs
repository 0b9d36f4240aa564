using System.Net;
using Achats.Community.Spaces;
using Achats.Host.Tests.Cohorts;
using Achats.Host.Tests.Enrolment;
using Achats.Testing;
using Shouldly;
using Wolverine.Tracking;

namespace Achats.Host.Tests.Community;

/// <summary>
/// A cohort under way (<see cref="ApiWithCohortUnderWay"/>: Camille, Dominique and Claude admitted, the cohort launched,
/// working groups published), so its space is open; the members' addresses read from it, and a client signed in for
/// each through the emailed link, as a participant signs in.
/// </summary>
public class SpaceUnderWay(PostgresServer postgres) : ApiWithCohortUnderWay(postgres)
{
    /// <summary>A participant signed in without a link: an address the space does not know (<see cref="TestParticipantSignIn"/>).</summary>
    public async Task<HttpClient> ParticipantAsync(string email)
    {
        var client = CreateBrowserClient();
        using var signedIn = await client.GetAsync(TestParticipantSignIn.For(email), Cancellation);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddTestParticipantSignIn();
    }

    public string Space => $"/api/community/v1/spaces/{CohortId}";

    public string Page => $"/espace/{CohortId}";

    public string CamilleEmail { get; private set; } = "";

    public string ClaudeEmail { get; private set; } = "";

    public HttpClient CamilleClient { get; private set; } = null!;

    public HttpClient DominiqueClient { get; private set; } = null!;

    public HttpClient ClaudeClient { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var space = await SpaceAsync();
        CamilleEmail = space.Member(Camille)!.Email;
        ClaudeEmail = space.Member(Claude)!.Email;
        var participants = new ParticipantDriver(this);
        CamilleClient = await participants.SignedInAsync(CamilleEmail);
        DominiqueClient = await participants.SignedInAsync(space.Member(Dominique)!.Email);
        ClaudeClient = await participants.SignedInAsync(ClaudeEmail);
    }

    /// <summary>The space as it is stored now.</summary>
    public async Task<CohortSpace> SpaceAsync()
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(CohortId), Cancellation) ?? throw new InvalidOperationException("No space.");
    }

    /// <summary>Withdraws <paramref name="enrolmentId"/> as staff do in Enrolment, and waits for every module to hear it.</summary>
    public async Task<ITrackedSession> WithdrawAsync(Guid enrolmentId, string reason)
    {
        var (withdrawal, tracked) = await PostTrackedAsync(Staff, $"{EnrolmentDriver.Enrolments}/{enrolmentId}/withdrawal", new
        {
            version = await new EnrolmentDriver(this).VersionAsync(Staff, enrolmentId), reason, requestedBy = "Participant",
        });
        withdrawal.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawal.Content.ReadAsStringAsync(Cancellation));
        return tracked;
    }
}

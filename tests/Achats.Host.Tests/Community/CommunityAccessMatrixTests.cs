using System.Net;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>
/// A space under way, Claude withdrawn (a former member), and a second edition's space with its own member, Sacha,
/// opened the way Community learns it: from Cohorts' messages.
/// </summary>
public sealed class SpacesOfTwoEditions(PostgresServer postgres) : SpaceUnderWay(postgres)
{
    public HttpClient OtherEditionMember { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await WithdrawAsync(Claude, "Départ de l'entreprise");

        var otherCohort = Guid.CreateVersion7();
        var sacha = $"sacha.{Guid.CreateVersion7():N}@bondy.test";
        var now = Clock.GetUtcNow();
        await using (var scope = Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.InvokeAsync(new ParticipantJoinedCohort(otherCohort, Guid.CreateVersion7(), "Sacha", "Leroy", sacha, "Ville de Bondy", now), Cancellation);
            await bus.InvokeAsync(new CohortLaunched(otherCohort, "Autre édition", DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime).AddMonths(9),
                [], now), Cancellation);
        }

        OtherEditionMember = await ParticipantAsync(sacha);
    }
}

/// <summary>
/// Issue 17's rows of the authorization matrix: each read of a space (its pages and its API), called by a member, a
/// member of another edition, a former member, an anonymous visitor, programme staff and an auditor.
/// </summary>
public sealed class CommunityAccessMatrixTests(SpacesOfTwoEditions app) : IClassFixture<SpacesOfTwoEditions>
{
    private const string Member = "member";
    private const string OtherEdition = "member of another edition";
    private const string Former = "former member";
    private const string Anonymous = "anonymous";

    private static readonly string[] Everyone = [Member, OtherEdition, Former, Anonymous, StaffRole.ProgrammeStaff, StaffRole.Auditor];
    private static readonly string[] MembersAndStaff = [Member, StaffRole.ProgrammeStaff, StaffRole.Auditor];
    private static readonly string[] MembersOnly = [Member];

    /// <summary>Who may read each route of the space (its cohort filled in); every other caller is refused.</summary>
    private static readonly (string Route, string[] Allowed)[] Routes =
    [
        ("/espace/{0}", MembersAndStaff),
        ("/espace/{0}/discussions", MembersAndStaff),
        ("/espace/{0}/annuaire", MembersAndStaff),
        ("/espace/{0}/ressources", MembersAndStaff),
        ("/espace/{0}/mon-projet", MembersAndStaff), // staff read that it is each member's own page
        ("/espace/{0}/notifications", MembersOnly),
        ("/api/community/v1/spaces/{0}", MembersAndStaff),
        ("/api/community/v1/spaces/{0}/discussions", MembersAndStaff),
        ("/api/community/v1/spaces/{0}/directory", MembersAndStaff),
        ("/api/community/v1/spaces/{0}/directory/me", MembersOnly),
        ("/api/community/v1/spaces/{0}/resources", MembersAndStaff),
        ("/api/community/v1/spaces/{0}/announcements", MembersAndStaff),
        ("/api/community/v1/spaces/{0}/my-projects", MembersOnly),
        ("/api/community/v1/spaces/{0}/notifications", MembersOnly),
    ];

    [Fact]
    public async Task Each_caller_reads_exactly_what_the_table_allows()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            [Member] = app.CamilleClient,
            [OtherEdition] = app.OtherEditionMember,
            [Former] = app.ClaudeClient,
            [Anonymous] = app.CreateBrowserClient(),
            [StaffRole.ProgrammeStaff] = app.Staff,
            [StaffRole.Auditor] = await app.SignedInAsync(StaffRole.Auditor),
        };

        List<string> mismatches = [];
        foreach (var (route, allowed) in Routes)
        {
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, app.CohortId);
            foreach (var caller in Everyone)
            {
                using var response = await clients[caller].GetAsync(path, TestContext.Current.CancellationToken);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/mon-inscription", StringComparison.Ordinal));
                var expected = allowed.Contains(caller);
                if (expected == refused || (expected && response.StatusCode != HttpStatusCode.OK))
                {
                    mismatches.Add($"GET {route} as {caller}: {(int)response.StatusCode}, expected {(expected ? "200" : "refused")}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_member_of_another_edition_enters_their_own_space_only()
    {
        using var own = await app.OtherEditionMember.GetAsync("/espace", TestContext.Current.CancellationToken);
        var page = await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        page.ShouldContain("Autre édition");
        page.ShouldNotContain((await app.SpaceAsync()).Name);
    }
}

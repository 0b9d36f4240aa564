using Achats.Catalogue.Review;
using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Testing;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>The review API and the store as the review tests read them.</summary>
internal sealed class ReviewDriver(AchatsApp app)
{
    public const string Review = "/api/catalogue/v1/review/solutions";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A fresh contact address and title per test: the tests of a class share a database.</summary>
    public static SolutionContent Content(string title) =>
        CatalogueSolutions.Content(title: $"{title} {Guid.CreateVersion7().ToString("N")[^6..]}", contactEmail: $"contact.{Guid.CreateVersion7():N}@fournisseur.example");

    public async Task<HttpResponseMessage> DecideAsync(HttpClient staff, Guid solutionId, string action, object body) =>
        (await app.PostTrackedAsync(staff, $"{Review}/{solutionId}/{action}", body)).Response;

    public async Task<SolutionReview> SolutionAsync(HttpClient staff, Guid solutionId) =>
        await (await staff.GetAsync($"{Review}/{solutionId}", Cancellation)).ReadAsync<SolutionReview>(System.Net.HttpStatusCode.OK);

    /// <summary>How many events the solution's stream holds: a refused decision adds none.</summary>
    public async Task<long> EventsAsync(Guid solutionId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(solutionId, Cancellation))?.Version ?? 0;
    }

    /// <summary>The live edit link a token opens, read as the submission slice's edit page will.</summary>
    public async Task<SupplierLink?> LinkAsync(string token)
    {
        await using var session = app.Store.QuerySession();
        return await session.LoadAsync<SupplierLink>(SigningToken.HashOf(token), Cancellation);
    }

    /// <summary>The supplier sends a new version through their edit link (what the submission slice appends).</summary>
    public async Task ReviseAsync(Guid solutionId, SolutionContent content)
    {
        // Appended as the aggregate workflow appends, the stream's version known, so the inline document carries it.
        await using var session = app.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Solution>(solutionId, Cancellation);
        stream.AppendOne(new SolutionRevised(solutionId, content, app.Clock.GetUtcNow()));
        await session.SaveChangesAsync(Cancellation);
    }

    /// <summary>A solution staff published through the API (version 2), its emails sent.</summary>
    public async Task<Guid> PublishedAsync(HttpClient staff, SolutionContent content)
    {
        var solutionId = await app.AwaitingReviewAsync(content);
        await DecideAsync(staff, solutionId, "publication", new { version = 1 });
        return solutionId;
    }

    /// <summary>A programme staff member with a name of their own, signed in.</summary>
    public async Task<HttpClient> StaffNamedAsync(string name)
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.ProgrammeStaff, name);
        var client = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(client, email);
        return client;
    }
}

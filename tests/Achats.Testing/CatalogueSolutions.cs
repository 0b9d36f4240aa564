using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;

namespace Achats.Testing;

/// <summary>
/// Solutions put straight into the catalogue's event store, for tests about what comes after a review (search,
/// matchmaking): the same events the use cases append, without walking through the form and the queue each time.
/// </summary>
public static class CatalogueSolutions
{
    /// <summary>A whole valid version; each test gives its own title and contact address so tests sharing a database do not meet.</summary>
    public static SolutionContent Content(
        string title = "Mobilier de bureau réemployé",
        string contactEmail = "claire.martin@ateliers.example.org",
        IReadOnlyList<PurchaseCategory>? categories = null,
        string description = "Nous collectons, remettons en état et livrons du mobilier de bureau.",
        EssStatus essStatus = EssStatus.Cooperative,
        IReadOnlyList<string>? departements = null) => new(
        new Supplier("Ateliers du Réemploi", Sirens.Next(), "93048", "SCOP SA", essStatus, "https://ateliers.example.org"),
        new SupplierContact("Claire Martin", contactEmail, "01 23 45 67 89"),
        new SolutionDescription(
            title,
            "Des bureaux et sièges remis en état par des salariés en insertion.",
            description,
            categories ?? [PurchaseCategory.Furniture],
            [Theme.Circular, Theme.Solidarity],
            departements ?? ["75", "93"],
            ["Label Emmaüs"],
            [new PublicBuyerReference("Ville de Montreuil", 2025, "120 postes de travail")]));

    /// <summary>A submission whose contact confirmed their address, waiting in the review queue.</summary>
    public static async Task<Guid> AwaitingReviewAsync(this AchatsApp app, SolutionContent content)
    {
        var id = Guid.CreateVersion7();
        var now = app.Clock.GetUtcNow();
        await using var session = app.Store.LightweightSession();
        session.Events.StartStream<Solution>(id, new SolutionSubmitted(id, content, now, now));
        await session.SaveChangesAsync();
        return id;
    }

    /// <summary>A solution in the catalogue, as staff approved it.</summary>
    public static async Task<Guid> PublishedAsync(this AchatsApp app, SolutionContent content)
    {
        var id = await app.AwaitingReviewAsync(content);
        await using var session = app.Store.LightweightSession();
        // Through the stream's current version, as the use cases append: the solution's document then knows it.
        var stream = await session.Events.FetchForWriting<Solution>(id);
        stream.AppendOne(new SolutionPublished(id, app.Clock.GetUtcNow()));
        await session.SaveChangesAsync();
        return id;
    }
}

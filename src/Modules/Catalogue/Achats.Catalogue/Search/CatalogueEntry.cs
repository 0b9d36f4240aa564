using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.Replay;
using Achats.Shared.Validation;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Achats.Catalogue.Search;

/// <summary>
/// A solution as the public catalogue knows it, one document per solution kept inline from its events (ADR 0051). It
/// never holds the supplier's contact: only what the public page shows. <see cref="Listing"/> is the approved version,
/// null while the solution is not in the catalogue; a published solution's pending edit waits in <see cref="Latest"/>
/// and is neither shown nor searched. The search and filter fields are filled from the listing only; each search
/// text holds the words as written then folded (no accents): PostgreSQL's French stemmer needs the accents to stem
/// well (« réemployés » → « réemploi »), and the folded copy lets « reemploi » find « réemploi ».
/// </summary>
[ReplayedAs("fiche du catalogue", "fiches du catalogue")]
public sealed record CatalogueEntry
{
    public Guid Id { get; init; }

    /// <summary>The supplier's latest version, public part: what staff's next approval will publish.</summary>
    public PublicVersion? Latest { get; init; }

    /// <summary>The approved version the catalogue shows, or null while the solution is not in it.</summary>
    public PublicVersion? Listing { get; init; }

    /// <summary>When the listed version was approved; the catalogue's second order, newest first.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public IReadOnlyList<PurchaseCategory> Categories { get; init; } = [];

    public IReadOnlyList<Theme> Themes { get; init; } = [];

    public EssStatus? EssStatus { get; init; }

    public IReadOnlyList<string> Departements { get; init; } = [];

    /// <summary>The title, as written and folded: a match here weighs most (A).</summary>
    public string? SearchTitle { get; init; }

    /// <summary>The summary, the supplier's name and the labels, as written and folded (B).</summary>
    public string? SearchSummary { get; init; }

    /// <summary>The description and the references' purchases, as written and folded (C).</summary>
    public string? SearchBody { get; init; }

    public CatalogueEntry Publish(DateTimeOffset publishedAt) => Latest is not { } version ? this : this with
    {
        Listing = version,
        PublishedAt = publishedAt,
        Categories = version.Solution.Categories,
        Themes = version.Solution.Themes,
        EssStatus = version.EssStatus,
        Departements = version.Solution.Departements,
        SearchTitle = Searchable([version.Solution.Title]),
        SearchSummary = Searchable([version.Solution.Summary, version.SupplierName, .. version.Solution.Labels]),
        SearchBody = Searchable([version.Solution.Description, .. version.Solution.References.Select(reference => reference.Purchase)]),
    };

    private static string Searchable(IEnumerable<string> texts)
    {
        var written = string.Join(" ", texts);
        return $"{written} {TextFolding.Fold(written)}";
    }

    public CatalogueEntry Unpublish() => this with
    {
        Listing = null,
        PublishedAt = null,
        Categories = [],
        Themes = [],
        EssStatus = null,
        Departements = [],
        SearchTitle = null,
        SearchSummary = null,
        SearchBody = null,
    };
}

/// <summary>A version of a solution without its contact: the supplier as the public page presents it, and the solution.</summary>
public sealed record PublicVersion(string SupplierName, string LegalForm, string CommuneInseeCode, EssStatus EssStatus, string? Website, SolutionDescription Solution)
{
    public static PublicVersion Of(SolutionContent content) => new(
        content.Supplier.Name, content.Supplier.LegalForm, content.Supplier.CommuneInseeCode, content.Supplier.EssStatus, content.Supplier.Website, content.Solution);
}

/// <summary>Keeps each solution's <see cref="CatalogueEntry"/> from its events, in the transaction that appends them.</summary>
public sealed class CatalogueEntryProjection : SingleStreamProjection<CatalogueEntry, Guid>
{
    public CatalogueEntryProjection()
    {
        IncludeType<SolutionSubmitted>();
        IncludeType<SolutionRevised>();
        IncludeType<SolutionPublished>();
        IncludeType<SolutionUnpublished>();
    }

    public override CatalogueEntry? Evolve(CatalogueEntry? snapshot, Guid id, IEvent e) => e.Data switch
    {
        SolutionSubmitted submitted => new CatalogueEntry { Id = submitted.SolutionId, Latest = PublicVersion.Of(submitted.Content) },
        SolutionRevised revised when snapshot is not null => snapshot with { Latest = PublicVersion.Of(revised.Content) },
        SolutionPublished published when snapshot is not null => snapshot.Publish(published.PublishedAt),
        SolutionUnpublished when snapshot is not null => snapshot.Unpublish(),
        _ => snapshot,
    };
}

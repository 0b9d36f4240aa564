using System.Globalization;
using System.Text.Json.Nodes;
using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Search;

/// <summary>
/// The public catalogue: its published solutions matching words (French full-text search, accents and case ignored,
/// the most relevant first, then the newest) and filters. Every parameter is the text a visitor's address carries, so
/// that the page and the API are refused alike, field by field, in French.
/// </summary>
public sealed record SearchCatalogue(
    string? Q = null,
    string? Category = null,
    string? Theme = null,
    string? EssStatus = null,
    string? Departement = null,
    string? Page = null,
    string? PageSize = null)
{
    public const int QueryMaxLength = 200;
    public const int MaxPage = 500;
    public const int MaxPageSize = 50;
    public const int DefaultPageSize = 20;

    public int PageNumber => ParseNumber(Page) ?? 1;

    public int Size => ParseNumber(PageSize) ?? DefaultPageSize;

    internal static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        !string.IsNullOrEmpty(text) && !char.IsDigit(text[0]) && Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) ? value : null;

    internal static int? ParseNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>One page of results, and how many solutions match in all.</summary>
public sealed record CatalogueResults(IReadOnlyList<CatalogueListing> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A solution as a result shows it.</summary>
public sealed record CatalogueListing(
    Guid Id,
    string Title,
    string Supplier,
    string Summary,
    IReadOnlyList<PurchaseCategory> Categories,
    EssStatus EssStatus,
    IReadOnlyList<string> Departements,
    DateTimeOffset PublishedAt);

internal sealed class SearchCatalogueValidator : AbstractValidator<SearchCatalogue>
{
    public SearchCatalogueValidator()
    {
        RuleFor(query => query.Q).MaximumLength(SearchCatalogue.QueryMaxLength)
            .WithMessage($"La recherche ne doit pas dépasser {SearchCatalogue.QueryMaxLength} caractères.");
        RuleFor(query => query.Category).Must(Empty<PurchaseCategory>).WithMessage("Catégorie d'achat inconnue.");
        RuleFor(query => query.Theme).Must(Empty<Theme>).WithMessage("Enjeu inconnu : économie circulaire (Circular) ou solidaire (Solidarity).");
        RuleFor(query => query.EssStatus).Must(Empty<EssStatus>).WithMessage("Statut dans l'économie sociale et solidaire inconnu.");
        RuleFor(query => query.Departement).Must(code => string.IsNullOrEmpty(code) || Departements.Exists(code))
            .WithMessage("Département inconnu : donnez son code (« 75 », « 2A », « 974 »).");
        RuleFor(query => query.Page).Must(page => string.IsNullOrEmpty(page) || SearchCatalogue.ParseNumber(page) is >= 1 and <= SearchCatalogue.MaxPage)
            .WithMessage($"La page est un nombre de 1 à {SearchCatalogue.MaxPage}.");
        RuleFor(query => query.PageSize).Must(size => string.IsNullOrEmpty(size) || SearchCatalogue.ParseNumber(size) is >= 1 and <= SearchCatalogue.MaxPageSize)
            .WithMessage($"Une page compte de 1 à {SearchCatalogue.MaxPageSize} solutions.");
    }

    private static bool Empty<T>(string? text) where T : struct, Enum => string.IsNullOrEmpty(text) || SearchCatalogue.ParseEnum<T>(text) is not null;
}

public static class SearchCatalogueHandler
{
    public static async Task<CatalogueResults> Handle(SearchCatalogue query, IQuerySession session, CancellationToken cancellationToken)
    {
        // Marten's LINQ ranks (OrderByTextRank) but cannot order by anything after the rank, nor rank a vector stored
        // beside its documents: the query is written here, over the stored weighted vectors (CatalogueSearchIndex).
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CatalogueEntry)).TableName.QualifiedName;
        var from = $"{table} as d";
        List<object> parameters = [];
        var where = "d.published_at is not null";
        if (Filters(query) is { } filters)
        {
            where += " and d.data @> ?::jsonb";
            parameters.Add(filters);
        }

        // As typed: the French configuration stems it (« réemploi » meets « réemployés »), and the indexed texts hold
        // their folded copy too (« reemploi » meets « réemploi »), see CatalogueEntry.
        var words = query.Q?.Trim() ?? "";
        var order = "d.published_at desc, d.id desc";
        List<object> orderParameters = [];
        if (words.Length > 0)
        {
            var french = CatalogueSearchIndex.French;
            from = $"{CatalogueSearchIndex.Table} as s join {table} as d on d.id = s.id";
            where += $" and s.vector @@ websearch_to_tsquery('{french}', ?)";
            parameters.Add(words);
            // Ranked on any of the words, so that the weight of the field each word is in decides (a title before a
            // description), not how close the words of an all-words query happen to sit (ts_rank's proximity).
            order = $"ts_rank(s.vector, replace(websearch_to_tsquery('{french}', ?)::text, ' & ', ' | ')::tsquery) desc, " + order;
            orderParameters.Add(words);
        }

        var total = (await session.QueryAsync<long>($"select count(*) from {from} where {where}", cancellationToken, [.. parameters])).Single();
        var entries = await session.QueryAsync<CatalogueEntry>(
            $"select d.data from {from} where {where} order by {order} limit ? offset ?",
            cancellationToken,
            [.. parameters, .. orderParameters, query.Size, (query.PageNumber - 1) * query.Size]);
        return new CatalogueResults(entries.Select(Listing).ToList(), (int)total, query.PageNumber, query.Size);
    }

    /// <summary>The filters as one JSON containment, served by the document's GIN index; null without a filter.</summary>
    private static string? Filters(SearchCatalogue query)
    {
        var filters = new JsonObject();
        if (SearchCatalogue.ParseEnum<PurchaseCategory>(query.Category) is { } category)
        {
            filters[nameof(CatalogueEntry.Categories)] = new JsonArray(category.ToString());
        }

        if (SearchCatalogue.ParseEnum<Theme>(query.Theme) is { } theme)
        {
            filters[nameof(CatalogueEntry.Themes)] = new JsonArray(theme.ToString());
        }

        if (SearchCatalogue.ParseEnum<EssStatus>(query.EssStatus) is { } essStatus)
        {
            filters[nameof(CatalogueEntry.EssStatus)] = essStatus.ToString();
        }

        if (!string.IsNullOrEmpty(query.Departement))
        {
            filters[nameof(CatalogueEntry.Departements)] = new JsonArray(query.Departement);
        }

        return filters.Count == 0 ? null : filters.ToJsonString();
    }

    private static CatalogueListing Listing(CatalogueEntry entry) => new(
        entry.Id,
        entry.Listing!.Solution.Title,
        entry.Listing.SupplierName,
        entry.Listing.Solution.Summary,
        entry.Listing.Solution.Categories,
        entry.Listing.EssStatus,
        entry.Listing.Solution.Departements,
        entry.PublishedAt!.Value);
}

internal static class SearchCatalogueEndpoint
{
    public static RouteHandlerBuilder MapSearchCatalogue(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapGet("/solutions", async (
                string? q, string? category, string? theme, string? essStatus, string? departement, string? page, string? pageSize,
                IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CatalogueResults>(
                    new SearchCatalogue(q, category, theme, essStatus, departement, page, pageSize), cancellationToken)))
            .AllowAnonymous() // the public catalogue
            .WithName(nameof(SearchCatalogue))
            .WithSummary("Chercher dans le catalogue des solutions publiées (mots, catégorie, enjeu, statut ESS, département)")
            .ProducesValidationProblem();
}

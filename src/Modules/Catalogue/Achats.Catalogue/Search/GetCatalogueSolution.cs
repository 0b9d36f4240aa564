using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.France;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Search;

/// <summary>A published solution as its public page shows it: never its contact, never a pending edit.</summary>
public sealed record GetCatalogueSolution(Guid SolutionId);

public sealed record CatalogueSolution(
    Guid Id,
    string Title,
    string Summary,
    string Description,
    CatalogueSupplier Supplier,
    IReadOnlyList<PurchaseCategory> Categories,
    IReadOnlyList<Theme> Themes,
    IReadOnlyList<string> Departements,
    IReadOnlyList<string> Labels,
    IReadOnlyList<PublicBuyerReference> References,
    DateTimeOffset PublishedAt);

/// <summary>The supplier as the public sees it; <see cref="Commune"/> is the name of the commune it is established in.</summary>
public sealed record CatalogueSupplier(string Name, string LegalForm, string? Commune, EssStatus EssStatus, string? Website);

public static class GetCatalogueSolutionHandler
{
    public const string NotFound = "Aucune solution publiée dans le catalogue ne porte cet identifiant : elle a pu être retirée.";

    public static async Task<CatalogueSolution> Handle(GetCatalogueSolution query, IQuerySession session, CancellationToken cancellationToken)
    {
        var entry = await session.LoadAsync<CatalogueEntry>(query.SolutionId, cancellationToken);
        if (entry is not { Listing: { } listing, PublishedAt: { } publishedAt })
        {
            throw new NotFoundException(NotFound);
        }

        var solution = listing.Solution;
        return new CatalogueSolution(
            entry.Id,
            solution.Title,
            solution.Summary,
            solution.Description,
            new CatalogueSupplier(listing.SupplierName, listing.LegalForm, Communes.Find(listing.CommuneInseeCode), listing.EssStatus, listing.Website),
            solution.Categories,
            solution.Themes,
            solution.Departements,
            solution.Labels,
            solution.References,
            publishedAt);
    }
}

internal static class GetCatalogueSolutionEndpoint
{
    public static RouteHandlerBuilder MapGetCatalogueSolution(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapGet("/solutions/{solutionId:guid}", async (Guid solutionId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CatalogueSolution>(new GetCatalogueSolution(solutionId), cancellationToken)))
            .AllowAnonymous() // the public catalogue
            .WithName(nameof(GetCatalogueSolution))
            .WithSummary("Lire une solution publiée du catalogue")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

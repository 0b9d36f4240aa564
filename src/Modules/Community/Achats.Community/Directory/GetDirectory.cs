using Achats.Cohorts.Contracts;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Validation;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Directory;

/// <summary>
/// The directory of a space, for its visitor: the current members who opted in, and only them, found by words of their
/// name, organisation or role (<paramref name="Search"/>) and by project category (<paramref name="Category"/>, a
/// <see cref="PurchaseCategory"/> name).
/// </summary>
public sealed record GetDirectory(Guid CohortId, Visitor Visitor, string? Search = null, string? Category = null);

internal sealed class GetDirectoryValidator : AbstractValidator<GetDirectory>
{
    public GetDirectoryValidator()
    {
        RuleFor(query => query.Search).MaximumLength(200).WithMessage("La recherche ne doit pas dépasser 200 caractères.");
        RuleFor(query => query.Category).Must(category => string.IsNullOrEmpty(category) || GetDirectoryHandler.CategoryOf(category) is not null)
            .WithMessage("Catégorie d'achat inconnue.");
    }
}

/// <summary>The members listed (by name), and the visiting member's own entry (null for staff).</summary>
public sealed record DirectoryView(IReadOnlyList<DirectoryListing> Members, MyDirectoryEntry? Mine);

/// <summary>A listed member: <see cref="Binome"/> is their binôme's name when both are members and listed.</summary>
public sealed record DirectoryListing(string Name, string Organisation, string? Role, PurchaseCategory? Category, string? CategoryLabel, string? Binome);

public static class GetDirectoryHandler
{
    public static async Task<DirectoryView> Handle(GetDirectory query, IQuerySession session, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        var members = visit.Space.Members.Where(member => member.IsCurrent).ToList();
        var entries = await session.LoadManyAsync<DirectoryEntry>(cancellationToken, members.Select(member => DirectoryEntry.IdOf(member.EnrolmentId)));
        return View(visit, entries, query.Search, CategoryOf(query.Category));
    }

    /// <summary>
    /// The current members whose entry says listed, filtered and by name; a binôme named only when listed too. Who left is
    /// gone at once: the space says who is current, whatever their entry.
    /// </summary>
    public static DirectoryView View(SpaceVisit visit, IEnumerable<DirectoryEntry> entries, string? search, PurchaseCategory? category)
    {
        var current = visit.Space.Members.Where(member => member.IsCurrent).ToDictionary(member => member.EnrolmentId);
        var listed = entries.Where(entry => entry.Listed && current.ContainsKey(entry.EnrolmentId)).ToDictionary(entry => entry.EnrolmentId);
        var terms = TextFolding.Terms(search);
        var members = listed.Values
            .Select(entry => (Entry: entry, Member: current[entry.EnrolmentId]))
            .Where(listing => category is null || listing.Entry.Category == category)
            .Where(listing => terms.All(TextFolding.Fold($"{listing.Member.Name} {listing.Member.Organisation} {listing.Entry.Role}").Contains))
            .OrderBy(listing => listing.Member.LastName, StringComparer.CurrentCulture).ThenBy(listing => listing.Member.FirstName, StringComparer.CurrentCulture)
            .Select(listing => new DirectoryListing(listing.Member.Name, listing.Member.Organisation, listing.Entry.Role, listing.Entry.Category,
                listing.Entry.Category is { } chosen ? PurchaseLabels.Of(chosen) : null,
                listing.Entry.PartnerEnrolmentId is { } partner && listed.ContainsKey(partner) ? current[partner].Name : null))
            .ToList();
        var mine = visit.Member is { } me ? Mine(entries.FirstOrDefault(entry => entry.EnrolmentId == me.EnrolmentId)) : null;
        return new DirectoryView(members, mine);
    }

    /// <summary>The member's own entry; none yet: not listed (the default).</summary>
    public static MyDirectoryEntry Mine(DirectoryEntry? entry) => new(entry?.Listed ?? false, entry?.Role, entry?.Category);

    public static PurchaseCategory? CategoryOf(string? name) =>
        Enum.TryParse<PurchaseCategory>(name, ignoreCase: false, out var category) && Enum.IsDefined(category) && !int.TryParse(name, out _) ? category : null;
}

internal static class GetDirectoryEndpoints
{
    public static IEndpointRouteBuilder MapGetDirectory(this IEndpointRouteBuilder community)
    {
        community.MapGet("/spaces/{cohortId:guid}/directory", async (
                Guid cohortId, string? q, string? category, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<DirectoryView>(new GetDirectory(cohortId, Visitor.Of(http.User), q, category), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetDirectory))
            .WithSummary("L'annuaire de l'espace : les membres qui ont choisi d'y figurer")
            .WithDescription("Recherche `q` sur le nom, la structure et le rôle ; filtre `category` (catégorie d'achat). L'équipe du programme le consulte sans y figurer.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        community.MapGet("/spaces/{cohortId:guid}/directory/me", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var directory = await bus.InvokeAsync<DirectoryView>(new GetDirectory(cohortId, Visitor.Of(http.User)), cancellationToken);
                return TypedResults.Ok(directory.Mine ?? throw new Shared.Http.ForbiddenException(UpdateDirectoryEntryHandler.StaffNotListed));
            })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName("GetMyDirectoryEntry")
            .WithSummary("Sa propre fiche dans l'annuaire de l'espace")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return community;
    }
}

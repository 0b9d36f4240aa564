using Achats.Cohorts.Contracts;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Directory;

/// <summary>
/// A member says whether they appear in their space's directory, and with which role and project category. Their own
/// entry only: the enrolment is the visit's, never the request's.
/// </summary>
public sealed record UpdateDirectoryEntry(Guid CohortId, Visitor Visitor, bool Listed, string? Role, PurchaseCategory? Category);

internal sealed class UpdateDirectoryEntryValidator : AbstractValidator<UpdateDirectoryEntry>
{
    public const int RoleLength = 100;

    public UpdateDirectoryEntryValidator()
    {
        RuleFor(command => command.Role).MaximumLength(RoleLength).WithMessage($"Le rôle ne doit pas dépasser {RoleLength} caractères.");
        RuleFor(command => command.Category).IsInEnum().WithMessage("Catégorie d'achat inconnue.");
    }
}

/// <summary>The visiting member's own entry, as they can change it.</summary>
public sealed record MyDirectoryEntry(bool Listed, string? Role, PurchaseCategory? Category);

public static class UpdateDirectoryEntryHandler
{
    public const string StaffNotListed = "L'annuaire ne liste que les participant·es de l'édition : l'équipe du programme n'y figure pas.";

    public static async Task<MyDirectoryEntry> Handle(UpdateDirectoryEntry command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        var member = Member(visit);
        var stream = await session.Events.FetchForWriting<DirectoryEntry>(DirectoryEntry.IdOf(member.EnrolmentId), cancellationToken);
        stream.AppendMany(Decide(stream.Aggregate, member.EnrolmentId, command, time.GetUtcNow()).ToArray());
        return new MyDirectoryEntry(command.Listed, RoleOf(command), command.Category);
    }

    /// <summary>The visiting member, who may write: staff are not listed, an archived space is read only.</summary>
    internal static SpaceMember Member(SpaceVisit visit)
    {
        if (visit.Member is not { } member)
        {
            throw new ForbiddenException(StaffNotListed);
        }

        visit.EnsureMayWrite();
        return member;
    }

    private static string? RoleOf(UpdateDirectoryEntry command) => string.IsNullOrWhiteSpace(command.Role) ? null : command.Role.Trim();

    /// <summary>The entry as the member now wants it; the same again changes nothing.</summary>
    public static IEnumerable<object> Decide(DirectoryEntry? entry, Guid enrolmentId, UpdateDirectoryEntry command, DateTimeOffset now)
    {
        var role = RoleOf(command);
        if (entry is null || (entry.Listed, entry.Role, entry.Category) != (command.Listed, role, command.Category))
        {
            yield return new DirectoryEntryChanged(enrolmentId, command.Listed, role, command.Category, now);
        }
    }
}

/// <summary>The member's entry as the API takes it.</summary>
public sealed record DirectoryEntryRequest(bool Listed, string? Role, PurchaseCategory? Category);

internal static class UpdateDirectoryEntryEndpoint
{
    public static RouteHandlerBuilder MapUpdateDirectoryEntry(this IEndpointRouteBuilder community) =>
        community.MapPut("/spaces/{cohortId:guid}/directory/me", async (
                Guid cohortId, DirectoryEntryRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<MyDirectoryEntry>(
                    new UpdateDirectoryEntry(cohortId, Visitor.Of(http.User), request.Listed, request.Role, request.Category), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(UpdateDirectoryEntry))
            .WithSummary("Figurer (ou non) dans l'annuaire de l'espace")
            .WithDescription("Pour le ou la membre, sa propre fiche : `listed` (non par défaut), `role` (100 caractères au plus), `category` (catégorie d'achat du projet).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

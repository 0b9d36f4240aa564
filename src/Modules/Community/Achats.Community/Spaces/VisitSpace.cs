using System.Security.Claims;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;

namespace Achats.Community.Spaces;

/// <summary>
/// Who is visiting a space, as the request says: the address a participant's sign-in link was sent to, or a staff
/// member's role and id. Every page and command of the space starts from it.
/// </summary>
public sealed record Visitor(string? ParticipantEmail, string? StaffRole, string? StaffId, string? StaffName)
{
    /// <summary>The visitor of the request: staff by their account, else a participant by their session's address.</summary>
    public static Visitor Of(ClaimsPrincipal user) =>
        new[] { Shared.Access.StaffRole.ProgrammeStaff, Shared.Access.StaffRole.Auditor }.FirstOrDefault(user.IsInRole) is { } role
            ? new Visitor(null, role, user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(ClaimTypes.Name))
            : new Visitor(user.FindFirstValue(ParticipantSession.EmailClaim)?.Trim().ToLowerInvariant(), null, null, null);
}

/// <summary>Opens the space of <paramref name="CohortId"/> to <paramref name="Visitor"/>, or refuses (404 unknown or not open yet, 403 not theirs).</summary>
public sealed record VisitSpace(Guid CohortId, Visitor Visitor);

/// <summary>
/// An open door: the space, and who entered. <see cref="Member"/> is the visiting member (null for staff);
/// <see cref="MayWrite"/> says whether they may post (a member or programme staff, in a space not archived);
/// <see cref="MayModerate"/> whether they act as staff.
/// </summary>
public sealed record SpaceVisit(CohortSpace Space, Visitor Visitor, SpaceMember? Member)
{
    public bool IsStaff => Visitor.StaffRole is not null;

    public bool MayModerate => Visitor.StaffRole == StaffRole.ProgrammeStaff;

    public bool MayWrite => !Space.IsArchived && (Member is not null || MayModerate);

    /// <summary>Refuses a write this visit may not make, in French: archived space, or an auditor.</summary>
    public void EnsureMayWrite()
    {
        if (Space.IsArchived)
        {
            throw new RuleViolationException("space-archived", "Cette édition est close : son espace reste consultable, mais on n'y écrit plus.");
        }

        if (!MayWrite)
        {
            throw new ForbiddenException("L'audit consulte l'espace sans y écrire.");
        }
    }
}

public static class VisitSpaceHandler
{
    public const string NotFound = "Cet espace n'existe pas, ou n'est pas encore ouvert : il ouvre au lancement de l'édition.";

    public static Task<SpaceVisit> Handle(VisitSpace query, IQuerySession session, CancellationToken cancellationToken) =>
        session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);

    /// <summary>The door as every use case of the space opens it, in its own session: the space loaded, then <see cref="Decide"/>.</summary>
    public static async Task<SpaceVisit> VisitAsync(this IQuerySession session, Guid cohortId, Visitor visitor, CancellationToken cancellationToken) =>
        Decide(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(cohortId), cancellationToken), visitor);

    /// <summary>Staff enter every open or archived space; a participant only the one they are a current member of.</summary>
    public static SpaceVisit Decide(CohortSpace? space, Visitor visitor)
    {
        if (space?.OpenedAt is null)
        {
            throw new NotFoundException(NotFound);
        }

        if (visitor.StaffRole is not null)
        {
            return new SpaceVisit(space, visitor, null);
        }

        var email = visitor.ParticipantEmail ?? "";
        if (space.CurrentMember(email) is { } member)
        {
            return new SpaceVisit(space, visitor, member);
        }

        throw new ForbiddenException(space.Members.Any(former => string.Equals(former.Email, email, StringComparison.OrdinalIgnoreCase))
            ? "Vous ne faites plus partie de cette édition : son espace ne vous est plus ouvert."
            : "Cet espace est réservé aux participants de l'édition et à l'équipe du programme.");
    }
}

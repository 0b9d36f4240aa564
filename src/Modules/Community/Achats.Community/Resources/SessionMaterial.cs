using Achats.Community.Spaces;
using Achats.Shared.Http;
using Marten;
using JasperFx.Events;

namespace Achats.Community.Resources;

/// <summary>
/// How staff change a session's material: the door of the space checked in the write's own transaction (programme staff
/// only, never in an archive), the session one of this space's, then its stream fetched for writing.
/// </summary>
internal static class SessionMaterial
{
    public const string StaffOnly = "Seule l'équipe du programme joint des ressources aux séances et dit quoi y préparer.";

    public const string UnknownSession = "Cette séance n'est pas une séance de cette édition.";

    public static async Task<(SpaceVisit Visit, IEventStream<SessionResources> Stream)> OpenForStaffAsync(
        IDocumentSession session, Guid cohortId, Guid sessionId, Visitor visitor, CancellationToken cancellationToken)
    {
        var visit = StaffVisit(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(cohortId), cancellationToken), visitor);
        if (visit.Space.Sessions.All(known => known.SessionId != sessionId))
        {
            throw new NotFoundException(UnknownSession);
        }

        return (visit, await session.Events.FetchForWriting<SessionResources>(SessionResources.IdOf(sessionId), cancellationToken));
    }

    /// <summary>The door for a staff write: 404/403 as for any visit, 422 in an archive, 403 for an auditor or a member.</summary>
    public static SpaceVisit StaffVisit(CohortSpace? space, Visitor visitor)
    {
        var visit = VisitSpaceHandler.Decide(space, visitor);
        visit.EnsureMayWrite();
        return visit.MayModerate ? visit : throw new ForbiddenException(StaffOnly);
    }

    /// <summary>Who acted, as the events record it.</summary>
    public static string Actor(this SpaceVisit visit) => visit.Visitor.StaffName ?? visit.Visitor.StaffId ?? "";
}

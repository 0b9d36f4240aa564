using Marten;

namespace Achats.Community.Spaces;

/// <summary>The spaces <paramref name="Visitor"/> may enter: a participant's own (current membership), every opened one for staff.</summary>
public sealed record ListSpaces(Visitor Visitor);

public sealed record SpaceSummary(Guid CohortId, string Name, DateOnly StartsOn, DateOnly EndsOn, bool Archived);

public static class ListSpacesHandler
{
    public static async Task<IReadOnlyList<SpaceSummary>> Handle(ListSpaces query, IQuerySession session, CancellationToken cancellationToken)
    {
        var opened = await session.Query<CohortSpace>().Where(space => space.OpenedAt != null).ToListAsync(cancellationToken);
        return opened
            .Where(space => query.Visitor.StaffRole is not null || space.CurrentMember(query.Visitor.ParticipantEmail ?? "") is not null)
            .OrderByDescending(space => space.StartsOn)
            .Select(space => new SpaceSummary(space.CohortId, space.Name, space.StartsOn, space.EndsOn, space.IsArchived))
            .ToList();
    }
}

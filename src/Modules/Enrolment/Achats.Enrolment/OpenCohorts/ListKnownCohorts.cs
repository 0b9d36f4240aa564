using Marten;

namespace Achats.Enrolment.OpenCohorts;

/// <summary>Every cohort Enrolment knows of, open or not, latest start first: the staff pages name cohorts with it.</summary>
public sealed record ListKnownCohorts;

public static class ListKnownCohortsHandler
{
    public static async Task<IReadOnlyList<OpenCohort>> Handle(ListKnownCohorts query, IQuerySession session, CancellationToken cancellationToken) =>
        await session.Query<OpenCohort>()
            .OrderByDescending(cohort => cohort.StartsOn)
            .ThenBy(cohort => cohort.Name)
            .ToListAsync(cancellationToken);
}

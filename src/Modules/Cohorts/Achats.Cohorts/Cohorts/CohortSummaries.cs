using Achats.Cohorts.Roster;
using Achats.Shared.Time;
using Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>Every cohort, the latest first, with what it holds: the staff list of editions.</summary>
public sealed record ListCohortSummaries;

/// <summary>One cohort with what it holds: the staff page of an edition.</summary>
public sealed record GetCohortSummary(Guid CohortId);

/// <summary>A cohort and its counts: participants on its roster now, sessions still held, sequences.</summary>
public sealed record CohortSummary(CohortView Cohort, int Participants, int Sessions, int Sequences)
{
    public static CohortSummary Of(CohortView cohort, int participants) => new(
        cohort,
        participants,
        cohort.Sequences.Sum(sequence => sequence.Sessions.Count(session => session.CancellationReason is null)),
        cohort.Sequences.Count);
}

public static class CohortSummariesHandler
{
    public static async Task<IReadOnlyList<CohortSummary>> Handle(ListCohortSummaries query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInParis();
        var cohorts = await session.Query<Cohort>().OrderByDescending(cohort => cohort.StartsOn).ToListAsync(cancellationToken);
        var members = (await session.Query<RosterMember>().Where(member => member.LeftAt == null).Select(member => member.CohortId).ToListAsync(cancellationToken))
            .CountBy(cohortId => cohortId).ToDictionary();
        return cohorts.Select(cohort => CohortSummary.Of(GetCohortHandler.View(cohort, today), members.GetValueOrDefault(cohort.Id))).ToList();
    }

    public static async Task<CohortSummary> Handle(GetCohortSummary query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var cohort = await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var participants = await session.Query<RosterMember>().CountAsync(member => member.CohortId == query.CohortId && member.LeftAt == null, cancellationToken);
        return CohortSummary.Of(GetCohortHandler.View(cohort, time.TodayInParis()), participants);
    }
}

using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Marten;

namespace Achats.Enrolment.Dashboard;

/// <summary>What waits for staff in one cohort: how many enrolments at each step, and who waits for whom.</summary>
public sealed record GetDashboard(Guid CohortId);

public sealed record EnrolmentDashboard(
    IReadOnlyDictionary<EnrolmentStatus, int> Pipeline,
    int AwaitingAttestation,
    IReadOnlyList<AwaitingSignature> AwaitingSignature);

/// <summary>A validated participant who has not signed the charter yet, and since when they were validated.</summary>
public sealed record AwaitingSignature(Guid EnrolmentId, string Name, string Organisation, DateTimeOffset? ValidatedAt);

public static class GetDashboardHandler
{
    /// <summary>How many of those awaiting a signature the dashboard names, the longest waiting first.</summary>
    public const int Listed = 20;

    public static async Task<EnrolmentDashboard> Handle(GetDashboard query, IQuerySession session, CancellationToken cancellationToken)
    {
        // One round trip: PostgreSQL counts, and only the rows shown travel.
        var batch = session.CreateBatchQuery();
        var counts = Enum.GetValues<EnrolmentStatus>().ToDictionary(status => status, status =>
            batch.Query<EnrolmentFile>().Count(enrolment => enrolment.CohortId == query.CohortId && enrolment.Status == status));

        // Undecided and waiting for a partner's word: staff can only wait, or override with a reason.
        var awaitingAttestation = batch.Query<EnrolmentFile>().Count(enrolment => enrolment.CohortId == query.CohortId
            && enrolment.Status == EnrolmentStatus.PreRegistered && enrolment.EffectiveEligibility == EligibilityOutcome.AwaitingAttestation);

        var awaitingSignature = batch.Query<EnrolmentFile>()
            .Where(enrolment => enrolment.CohortId == query.CohortId && enrolment.Status == EnrolmentStatus.Validated)
            .OrderBy(enrolment => enrolment.ValidatedAt)
            .Take(Listed)
            .Select(enrolment => new AwaitingSignature(enrolment.Id, enrolment.Participant.FirstName + " " + enrolment.Participant.LastName,
                enrolment.Organisation.Name, enrolment.ValidatedAt))
            .ToList();

        await batch.Execute(cancellationToken);
        var pipeline = new Dictionary<EnrolmentStatus, int>();
        foreach (var (status, count) in counts)
        {
            pipeline[status] = (int)await count;
        }

        return new EnrolmentDashboard(pipeline, (int)await awaitingAttestation, await awaitingSignature);
    }
}

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
    public static async Task<EnrolmentDashboard> Handle(GetDashboard query, IQuerySession session, CancellationToken cancellationToken)
    {
        var cohort = session.Query<EnrolmentFile>().Where(enrolment => enrolment.CohortId == query.CohortId);

        var statuses = await cohort.Select(enrolment => enrolment.Status).ToListAsync(cancellationToken);
        var pipeline = Enum.GetValues<EnrolmentStatus>().ToDictionary(status => status, status => statuses.Count(s => s == status));

        // Undecided and waiting for a partner's word: staff can only wait, or override with a reason.
        var awaitingAttestation = await cohort.CountAsync(enrolment => enrolment.Status == EnrolmentStatus.PreRegistered
            && enrolment.EffectiveEligibility == EligibilityOutcome.AwaitingAttestation, cancellationToken);

        var awaitingSignature = await cohort.Where(enrolment => enrolment.Status == EnrolmentStatus.Validated)
            .OrderBy(enrolment => enrolment.ValidatedAt)
            .Select(enrolment => new { enrolment.Id, enrolment.Participant.FirstName, enrolment.Participant.LastName, OrganisationName = enrolment.Organisation.Name, enrolment.ValidatedAt })
            .ToListAsync(cancellationToken);

        return new EnrolmentDashboard(pipeline, awaitingAttestation, awaitingSignature
            .Select(waiting => new AwaitingSignature(waiting.Id, $"{waiting.FirstName} {waiting.LastName}", waiting.OrganisationName, waiting.ValidatedAt))
            .ToList());
    }
}

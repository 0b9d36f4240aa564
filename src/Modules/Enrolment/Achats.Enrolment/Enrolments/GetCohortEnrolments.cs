using Achats.Enrolment.Contracts;
using Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// Answers Audit's questions about enrolments (its auditor's view and export): a cohort's enrolments with their
/// timelines, and one enrolment as it was at an instant. Read-only; the page that shows them logs the read.
/// </summary>
public static class GetCohortEnrolmentsHandler
{
    public static async Task<IReadOnlyList<CohortEnrolment>> Handle(GetCohortEnrolments query, IQuerySession session, CancellationToken cancellationToken)
    {
        var enrolments = await session.Query<EnrolmentFile>()
            .Where(enrolment => enrolment.CohortId == query.CohortId)
            .OrderBy(enrolment => enrolment.SubmittedAt)
            .ToListAsync(cancellationToken);
        var ids = enrolments.Select(enrolment => enrolment.Id).ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(recorded => recorded.StreamId.IsOneOf(ids))
            .OrderBy(recorded => recorded.Sequence)
            .ToListAsync(cancellationToken);
        var timelines = events.ToLookup(recorded => recorded.StreamId);
        return enrolments.Select(enrolment => new CohortEnrolment(
                Summarize(enrolment),
                timelines[enrolment.Id].Select(recorded => new EnrolmentTimelineEvent(
                        recorded.Version,
                        recorded.Timestamp,
                        GetEnrolmentTimelineHandler.What(recorded.Data),
                        GetEnrolmentTimelineHandler.Why(recorded.Data),
                        recorded.UserName))
                    .ToList()))
            .ToList();
    }

    public static EnrolmentSummary Summarize(EnrolmentFile enrolment) => new(
        enrolment.Id,
        enrolment.Reference,
        enrolment.Participant.FirstName,
        enrolment.Participant.LastName,
        enrolment.Organisation.Name,
        FrenchLabels.Of(enrolment.Status),
        FrenchLabels.Of(enrolment.EffectiveEligibility),
        enrolment.SubmittedAt,
        enrolment.ValidatedAt,
        enrolment.Version);
}

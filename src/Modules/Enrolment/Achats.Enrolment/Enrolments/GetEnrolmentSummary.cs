using Achats.Enrolment.Contracts;
using Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>One enrolment, now or as its events had made it at an instant (Audit's state-at-instant picker).</summary>
public static class GetEnrolmentSummaryHandler
{
    public static async Task<EnrolmentSummary> Handle(GetEnrolmentSummary query, IQuerySession session, CancellationToken cancellationToken) =>
        GetCohortEnrolmentsHandler.Summarize(await GetEnrolmentHandler.Handle(new GetEnrolment(query.EnrolmentId, query.At), session, cancellationToken));
}

using Achats.Cohorts.Contracts;
using Marten;

namespace Achats.Enrolment.OpenCohorts;

/// <summary>Keeps Enrolment's copy of every planned cohort. A redelivery, even after a change of dates, changes nothing.</summary>
public static class RecordPlannedCohortHandler
{
    public static async Task Handle(CohortPlanned planned, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<OpenCohort>(planned.CohortId, cancellationToken) is null)
        {
            session.Store(new OpenCohort(planned.CohortId, planned.Name, planned.RegistrationOpensOn, planned.RegistrationClosesOn,
                planned.StartsOn, planned.EndsOn));
        }
    }
}

using Achats.Cohorts.Contracts;
using Wolverine.Marten;

namespace Achats.Enrolment.OpenCohorts;

/// <summary>Keeps Enrolment's copy of every planned cohort. Storing is an upsert, so a redelivery changes nothing.</summary>
public static class RecordPlannedCohortHandler
{
    public static IMartenOp Handle(CohortPlanned planned) => MartenOps.Store(new OpenCohort(
        planned.CohortId,
        planned.Name,
        planned.RegistrationOpensOn,
        planned.RegistrationClosesOn,
        planned.StartsOn,
        planned.EndsOn));
}

using Achats.Cohorts.Contracts;
using JasperFx.Core;
using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

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

/// <summary>The cohort's dates changed before its launch: the registration form follows the new window.</summary>
public static class RecordCohortDatesHandler
{
    /// <summary>Both messages wait in durable queues: should the change come first, wait for the plan.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<InvalidOperationException>().RetryWithCooldown(100.Milliseconds(), 1.Seconds(), 5.Seconds(), 30.Seconds());

    public static async Task Handle(CohortDatesChanged changed, IDocumentSession session, CancellationToken cancellationToken)
    {
        var cohort = await session.LoadAsync<OpenCohort>(changed.CohortId, cancellationToken)
            ?? throw new InvalidOperationException($"Cohort {changed.CohortId} changed dates before Enrolment heard it was planned.");
        if (changed.Version > cohort.DatesVersion)
        {
            session.Store(cohort with
            {
                RegistrationOpensOn = changed.RegistrationOpensOn,
                RegistrationClosesOn = changed.RegistrationClosesOn,
                StartsOn = changed.StartsOn,
                EndsOn = changed.EndsOn,
                DatesVersion = changed.Version,
            });
        }
    }
}

using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Enrolment.OpenCohorts;

/// <summary>The cohort's dates changed before its launch: the registration form follows the new window.</summary>
public static class RecordCohortDatesHandler
{
    /// <summary>Should the change come before the plan, wait for the plan.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.WaitForEarlierMessages();

    public static async Task Handle(CohortDatesChanged changed, IDocumentSession session, CancellationToken cancellationToken)
    {
        var cohort = await session.LoadAsync<OpenCohort>(changed.CohortId, cancellationToken)
            ?? throw new EarlierMessageNotYetHandled($"Cohort {changed.CohortId} changed dates before Enrolment heard it was planned.");
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

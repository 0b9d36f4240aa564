namespace Achats.Cohorts.Contracts;

/// <summary>A cohort (edition) was planned, with its registration window and dates (inclusive, Paris dates).</summary>
public sealed record CohortPlanned(
    Guid CohortId,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.cohort-planned.v1";
}

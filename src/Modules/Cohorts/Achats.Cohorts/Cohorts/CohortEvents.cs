namespace Achats.Cohorts.Cohorts;

public sealed record CohortPlanned(
    Guid CohortId,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn);

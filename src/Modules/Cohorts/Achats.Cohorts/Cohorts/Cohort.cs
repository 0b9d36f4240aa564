namespace Achats.Cohorts.Cohorts;

/// <summary>A cohort (édition) as its events tell it.</summary>
public sealed record Cohort(
    Guid Id,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn)
{
    public static Cohort Create(CohortPlanned planned) => new(
        planned.CohortId,
        planned.Name,
        planned.RegistrationOpensOn,
        planned.RegistrationClosesOn,
        planned.StartsOn,
        planned.EndsOn);
}

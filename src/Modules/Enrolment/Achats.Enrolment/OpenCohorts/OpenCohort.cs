namespace Achats.Enrolment.OpenCohorts;

/// <summary>Enrolment's own copy of a cohort, as far as registration needs it; kept from Cohorts' events.</summary>
public sealed record OpenCohort(
    Guid Id,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn)
{
    /// <summary>The cohort's version these dates come from: a late, older change never overwrites a newer one.</summary>
    public int DatesVersion { get; init; }
}

using FluentValidation;

namespace Achats.Cohorts.Cohorts;

/// <summary>A cohort's dates, as staff give them when planning it or changing them. Inclusive Paris dates.</summary>
internal interface ICohortDates
{
    DateOnly RegistrationOpensOn { get; }

    DateOnly RegistrationClosesOn { get; }

    DateOnly StartsOn { get; }

    /// <summary>Left out, the cohort lasts one year: it ends the day before the anniversary of its start.</summary>
    DateOnly? EndsOn { get; }
}

internal static class CohortDates
{
    public static DateOnly EndOf(this ICohortDates dates) => dates.EndsOn ?? dates.StartsOn.AddYears(1).AddDays(-1);
}

/// <summary>The rules every set of cohort dates obeys, whether planned or changed.</summary>
internal sealed class CohortDatesValidator : AbstractValidator<ICohortDates>
{
    public CohortDatesValidator()
    {
        RuleFor(c => c.RegistrationOpensOn).NotEmpty().WithMessage("La date d'ouverture des inscriptions est obligatoire.");
        RuleFor(c => c.RegistrationClosesOn).NotEmpty().WithMessage("La date de clôture des inscriptions est obligatoire.")
            .GreaterThanOrEqualTo(c => c.RegistrationOpensOn).WithMessage("La clôture des inscriptions ne peut précéder leur ouverture.")
            .LessThanOrEqualTo(c => c.StartsOn).WithMessage("Les inscriptions doivent être closes au plus tard le jour du début de l'édition.");
        RuleFor(c => c.StartsOn).NotEmpty().WithMessage("La date de début est obligatoire.")
            .LessThan(new DateOnly(2100, 1, 1)).WithMessage("La date de début doit précéder l'an 2100.");
        RuleFor(c => c.EndsOn).NotEqual(default(DateOnly)).WithMessage("La date de fin n'est pas valide.")
            .GreaterThan(c => c.StartsOn).WithMessage("La date de fin doit être postérieure à la date de début.");
    }
}

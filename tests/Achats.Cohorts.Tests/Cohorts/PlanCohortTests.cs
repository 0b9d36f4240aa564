using Achats.Cohorts.Cohorts;
using Shouldly;
using Xunit;

namespace Achats.Cohorts.Tests.Cohorts;

public sealed class PlanCohortTests
{
    // Edition 2 as the programme's FAQ tells it: registration until the end of 2020, a year from January 2021.
    private static readonly PlanCohort Edition2 = new(
        "  Édition 2 ",
        RegistrationOpensOn: new(2020, 9, 1),
        RegistrationClosesOn: new(2020, 12, 31),
        StartsOn: new(2021, 1, 4),
        EndsOn: new(2021, 12, 17));

    private static readonly PlanCohortValidator Validator = new();

    [Fact]
    public void Planning_a_cohort_records_its_window_and_dates()
    {
        var id = Guid.CreateVersion7();

        var planned = PlanCohortHandler.Decide(Edition2, id);

        planned.ShouldBe(new CohortPlanned(id, "Édition 2", new(2020, 9, 1), new(2020, 12, 31), new(2021, 1, 4), new(2021, 12, 17)));
    }

    [Fact]
    public void A_planned_cohort_is_as_planned()
    {
        var planned = PlanCohortHandler.Decide(Edition2, Guid.CreateVersion7());

        var cohort = Cohort.Create(planned);

        cohort.ShouldBe(new Cohort(planned.CohortId, "Édition 2", planned.RegistrationOpensOn, planned.RegistrationClosesOn, planned.StartsOn, planned.EndsOn));
    }

    [Fact]
    public void A_plan_with_an_end_after_the_start_and_registration_closed_by_the_start_is_valid() =>
        Validator.Validate(Edition2).Errors.ShouldBeEmpty();

    [Fact]
    public void Registration_may_close_on_the_first_day() =>
        Validator.Validate(Edition2 with { RegistrationClosesOn = Edition2.StartsOn }).Errors.ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_end_that_is_not_after_the_start_is_refused(int daysAfterStart)
    {
        var plan = Edition2 with { EndsOn = Edition2.StartsOn.AddDays(daysAfterStart) };

        Errors(plan).ShouldBe([(nameof(PlanCohort.EndsOn), "La date de fin doit être postérieure à la date de début.")]);
    }

    [Fact]
    public void A_window_that_closes_after_the_start_is_refused()
    {
        var plan = Edition2 with { RegistrationClosesOn = Edition2.StartsOn.AddDays(1) };

        Errors(plan).ShouldBe([(nameof(PlanCohort.RegistrationClosesOn), "Les inscriptions doivent être closes au plus tard le jour du début de l'édition.")]);
    }

    [Fact]
    public void A_window_that_closes_before_it_opens_is_refused()
    {
        var plan = Edition2 with { RegistrationOpensOn = Edition2.RegistrationClosesOn.AddDays(1) };

        Errors(plan).ShouldBe([(nameof(PlanCohort.RegistrationClosesOn), "La clôture des inscriptions ne peut précéder leur ouverture.")]);
    }

    [Fact]
    public void Every_missing_field_is_named_in_French()
    {
        var errors = Errors(new PlanCohort(" ", default, default, default, EndsOn: default(DateOnly)));

        errors.Select(error => error.Field).Distinct().ShouldBe(
            [nameof(PlanCohort.Name), nameof(PlanCohort.RegistrationOpensOn), nameof(PlanCohort.RegistrationClosesOn), nameof(PlanCohort.StartsOn), nameof(PlanCohort.EndsOn)],
            ignoreOrder: true);
        errors.ShouldContain((nameof(PlanCohort.EndsOn), "La date de fin n'est pas valide."));
        errors.ShouldContain((nameof(PlanCohort.Name), "Le nom de l'édition est obligatoire."));
        errors.ShouldContain((nameof(PlanCohort.StartsOn), "La date de début est obligatoire."));
    }

    [Fact]
    public void A_name_longer_than_120_characters_is_refused() =>
        Errors(Edition2 with { Name = new string('é', 121) })
            .ShouldBe([(nameof(PlanCohort.Name), "Le nom de l'édition ne doit pas dépasser 120 caractères.")]);

    private static List<(string Field, string Message)> Errors(PlanCohort plan) =>
        Validator.Validate(plan).Errors.Select(error => (error.PropertyName, error.ErrorMessage)).ToList();
}

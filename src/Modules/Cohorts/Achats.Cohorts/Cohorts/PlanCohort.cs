using Achats.Shared.Access;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>Plans a cohort (édition): its name, its registration window and its dates, all inclusive Paris dates.</summary>
public sealed record PlanCohort(
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn);

public sealed class PlanCohortValidator : AbstractValidator<PlanCohort>
{
    public PlanCohortValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Le nom de l'édition est obligatoire.")
            .MaximumLength(120).WithMessage("Le nom de l'édition ne doit pas dépasser 120 caractères.");
        RuleFor(c => c.RegistrationOpensOn).NotEmpty().WithMessage("La date d'ouverture des inscriptions est obligatoire.");
        RuleFor(c => c.RegistrationClosesOn).NotEmpty().WithMessage("La date de clôture des inscriptions est obligatoire.")
            .GreaterThanOrEqualTo(c => c.RegistrationOpensOn).WithMessage("La clôture des inscriptions ne peut précéder leur ouverture.")
            .LessThanOrEqualTo(c => c.StartsOn).WithMessage("Les inscriptions doivent être closes au plus tard le jour du début de l'édition.");
        RuleFor(c => c.StartsOn).NotEmpty().WithMessage("La date de début est obligatoire.");
        RuleFor(c => c.EndsOn).NotEmpty().WithMessage("La date de fin est obligatoire.")
            .GreaterThan(c => c.StartsOn).WithMessage("La date de fin doit être postérieure à la date de début.");
    }
}

public static class PlanCohortHandler
{
    /// <summary>Starts the cohort's stream and tells the other modules, in one transaction (Marten outbox).</summary>
    public static (Cohort, IStartStream, Contracts.CohortPlanned) Handle(PlanCohort command)
    {
        var planned = Decide(command, Guid.CreateVersion7());
        return (
            Cohort.Create(planned),
            MartenOps.StartStream<Cohort>(planned.CohortId, planned),
            new Contracts.CohortPlanned(planned.CohortId, planned.Name, planned.RegistrationOpensOn,
                planned.RegistrationClosesOn, planned.StartsOn, planned.EndsOn));
    }

    public static CohortPlanned Decide(PlanCohort command, Guid cohortId) => new(
        cohortId,
        command.Name.Trim(),
        command.RegistrationOpensOn,
        command.RegistrationClosesOn,
        command.StartsOn,
        command.EndsOn);
}

public static class PlanCohortEndpoint
{
    public static RouteHandlerBuilder MapPlanCohort(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts", async (PlanCohort command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var cohort = await bus.InvokeAsync<Cohort>(command, cancellationToken);
                return TypedResults.Created($"/api/cohorts/v1/cohorts/{cohort.Id}", cohort);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(PlanCohort))
            .WithSummary("Planifier une édition")
            .WithDescription("Crée une édition du programme avec sa fenêtre d'inscription et ses dates de début et de fin.")
            .ProducesValidationProblem();
}

using Achats.Shared.Access;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>
/// Plans a cohort (édition): its name, its registration window and its dates, all inclusive Paris dates.
/// Without an end date it lasts one year.
/// </summary>
public sealed record PlanCohort(
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly? EndsOn = null) : ICohortDates;

internal sealed class PlanCohortValidator : AbstractValidator<PlanCohort>
{
    public PlanCohortValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Le nom de l'édition est obligatoire.")
            .MaximumLength(120).WithMessage("Le nom de l'édition ne doit pas dépasser 120 caractères.");
        Include(new CohortDatesValidator());
    }
}

public static class PlanCohortHandler
{
    /// <summary>Starts the cohort's stream and tells the other modules, in one transaction (Marten outbox).</summary>
    public static (Cohort, IStartStream, Contracts.CohortPlanned) Handle(PlanCohort command)
    {
        var planned = Decide(command, Guid.CreateVersion7());
        return (
            Cohort.Create(planned) with { Version = 1 },
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
        command.EndOf());
}

internal static class PlanCohortEndpoint
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
            .WithDescription("Crée une édition du programme avec sa fenêtre d'inscription et ses dates de début et de fin (un an par défaut).")
            .ProducesValidationProblem();
}

using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>
/// Changes a cohort's dates until its launch, with the reason, which the cohort keeps. The registration
/// form follows the new window; sessions must still fall within the cohort.
/// </summary>
public sealed record ChangeCohortDates(
    Guid CohortId,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Reason) : ICohortDates;

internal sealed class ChangeCohortDatesValidator : AbstractValidator<ChangeCohortDates>
{
    public ChangeCohortDatesValidator()
    {
        Include(new CohortDatesValidator());
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du changement de dates est obligatoire.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
    }
}

public static class ChangeCohortDatesHandler
{
    public static (CohortChanged, Events, Contracts.CohortDatesChanged) Handle(ChangeCohortDates command, [WriteCohort] Cohort cohort)
    {
        var changed = Decide(cohort, command);
        Events events = [changed];
        var answer = cohort.Changed(events);
        return (answer, events, new Contracts.CohortDatesChanged(command.CohortId, changed.RegistrationOpensOn,
            changed.RegistrationClosesOn, changed.StartsOn, changed.EndsOn, changed.Reason, answer.Version));
    }

    public static CohortDatesChanged Decide(Cohort cohort, ChangeCohortDates command)
    {
        if (cohort.Phase != CohortPhase.Planned)
        {
            throw new RuleViolationException("dates-frozen", "Les dates d'une édition ne changent plus une fois celle-ci lancée.");
        }

        var changed = new CohortDatesChanged(command.RegistrationOpensOn, command.RegistrationClosesOn, command.StartsOn, command.EndOf(), command.Reason.Trim());
        if ((changed.RegistrationOpensOn, changed.RegistrationClosesOn, changed.StartsOn, changed.EndsOn)
            == (cohort.RegistrationOpensOn, cohort.RegistrationClosesOn, cohort.StartsOn, cohort.EndsOn))
        {
            throw new ConflictException("Ces dates sont déjà celles de l'édition.");
        }

        var outside = cohort.HeldSessions
            .Where(session => session.Details.StartsAt.ParisDate() < changed.StartsOn || session.Details.EndsAt.ParisDate() > changed.EndsOn)
            .ToList();
        return outside.Count == 0
            ? changed
            : throw new RuleViolationException("sessions-outside-cohort",
                $"Ces dates laisseraient hors de l'édition {string.Join(", ", outside.Select(session => $"« {session.Details.Title} »"))} : "
                + "déplacez ou annulez ces séances d'abord.",
                new Dictionary<string, object?>
                {
                    ["sessionIds"] = outside.Select(session => session.Id).ToList(),
                    // The date a form shows the refusal beside: the first day when a session falls before it.
                    [RuleViolationException.FieldKey] = outside.Any(session => session.Details.StartsAt.ParisDate() < changed.StartsOn) ? "startsOn" : "endsOn",
                });
    }
}

internal static class ChangeCohortDatesEndpoint
{
    public static RouteHandlerBuilder MapChangeCohortDates(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/dates", async (Guid cohortId, ChangeCohortDates command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ChangeCohortDates))
            .WithSummary("Changer les dates d'une édition")
            .WithDescription("Jusqu'au lancement de l'édition, avec un motif que l'édition conserve.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

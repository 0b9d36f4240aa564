using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Sessions;

/// <summary>Cancels a session, with the reason: it stays in the programme's history, frees its slot and counts for nobody's attendance.</summary>
public sealed record CancelSession(Guid CohortId, Guid SessionId, string Reason);

internal sealed class CancelSessionValidator : AbstractValidator<CancelSession>
{
    public CancelSessionValidator() =>
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif de l'annulation est obligatoire.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
}

public static class CancelSessionHandler
{
    public static (CohortChanged, Events, Contracts.SessionCancelled) Handle(CancelSession command, [WriteCohort] Cohort cohort)
    {
        var cancelled = Decide(cohort, command);
        Events events = [cancelled];
        return (cohort.Changed(events), events, new Contracts.SessionCancelled(command.CohortId, cancelled.SessionId, cancelled.Reason));
    }

    public static SessionCancelled Decide(Cohort cohort, CancelSession command)
    {
        cohort.EnsureOpenForChanges();
        return cohort.Session(command.SessionId).IsCancelled
            ? throw new ConflictException("Cette séance est déjà annulée.")
            : new SessionCancelled(command.SessionId, command.Reason.Trim());
    }
}

internal static class CancelSessionEndpoint
{
    public static RouteHandlerBuilder MapCancelSession(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/cancellation", async (
                Guid cohortId, Guid sessionId, CancelSession command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId, SessionId = sessionId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(CancelSession))
            .WithSummary("Annuler une séance")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Sessions;

/// <summary>Changes what a session is, when and where it takes place: the same rules as scheduling it.</summary>
public sealed record ChangeSession(
    Guid CohortId,
    Guid SessionId,
    Guid SequenceId,
    string Title,
    SessionKind? Kind,
    DateTime StartsAt,
    DateTime EndsAt,
    Modality? Modality,
    string? MeetingLink,
    string? Venue,
    string? AudienceTag,
    IReadOnlyList<PurchaseCategory>? Categories,
    bool Parallel = false) : ISessionFields;

internal sealed class ChangeSessionValidator : AbstractValidator<ChangeSession>
{
    public ChangeSessionValidator() => Include(new SessionFieldsValidator());
}

public static class ChangeSessionHandler
{
    public static (CohortChanged, Events, OutgoingMessages) Handle(ChangeSession command, [WriteCohort] Cohort cohort)
    {
        var events = Decide(cohort, command);
        var published = new OutgoingMessages();
        published.AddRange(events.OfType<SessionChanged>().Select(changed => changed.Details.Published(command.CohortId, changed.SessionId)));
        return (cohort.Changed(events), [.. events], published);
    }

    public static IReadOnlyList<object> Decide(Cohort cohort, ChangeSession command)
    {
        var current = cohort.Session(command.SessionId);
        if (current.IsCancelled)
        {
            throw new RuleViolationException("session-cancelled", "Cette séance est annulée : elle ne change plus.");
        }

        var details = SessionRules.Check(cohort, command, changing: command.SessionId);
        return details == current.Details && command.SequenceId == current.SequenceId
            ? []
            : [new SessionChanged(command.SessionId, command.SequenceId, details)];
    }
}

internal static class ChangeSessionEndpoint
{
    public static RouteHandlerBuilder MapChangeSession(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/sessions/{sessionId:guid}", async (
                Guid cohortId, Guid sessionId, ChangeSession command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId, SessionId = sessionId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ChangeSession))
            .WithSummary("Modifier une séance")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

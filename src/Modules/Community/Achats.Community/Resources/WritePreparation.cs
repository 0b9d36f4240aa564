using Achats.Community.Spaces;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>Staff write what participants should prepare for a session, in Markdown (empty: nothing to prepare); Accueil shows it.</summary>
public sealed record WritePreparation(Guid CohortId, Guid SessionId, string Text, Visitor Visitor);

/// <summary>The body of <see cref="WritePreparation"/> through the API.</summary>
public sealed record WritePreparationRequest(string Text);

internal sealed class WritePreparationValidator : AbstractValidator<WritePreparation>
{
    public const int MaxText = 2000;

    public WritePreparationValidator() =>
        RuleFor(command => command.Text).MaximumLength(MaxText).WithMessage($"Ce texte tient en {MaxText} caractères au plus.");
}

public static class WritePreparationHandler
{
    public static async Task Handle(WritePreparation command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (visit, stream) = await SessionMaterial.OpenForStaffAsync(session, command.CohortId, command.SessionId, command.Visitor, cancellationToken);
        stream.AppendMany(Decide(stream.Aggregate, command, visit.Actor(), clock.GetUtcNow()).ToArray());
    }

    /// <summary>The same text again writes nothing.</summary>
    public static IEnumerable<object> Decide(SessionResources? material, WritePreparation command, string actor, DateTimeOffset now)
    {
        var text = (command.Text ?? "").Trim();
        if (text != (material?.Preparation ?? ""))
        {
            yield return new PreparationWritten(command.CohortId, command.SessionId, text, actor, now);
        }
    }
}

internal static class WritePreparationEndpoint
{
    public static RouteHandlerBuilder MapWritePreparation(this IEndpointRouteBuilder community) =>
        community.MapPut("/spaces/{cohortId:guid}/resources/sessions/{sessionId:guid}/preparation",
                async (Guid cohortId, Guid sessionId, WritePreparationRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                {
                    await bus.InvokeAsync(new WritePreparation(cohortId, sessionId, request.Text ?? "", Visitor.Of(http.User)), cancellationToken);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(WritePreparation))
            .WithSummary("Dire ce qu'il faut préparer pour une séance")
            .WithDescription("Équipe du programme : un texte en Markdown (2 000 caractères au plus ; vide : plus rien à préparer), montré sur l'accueil de l'espace.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

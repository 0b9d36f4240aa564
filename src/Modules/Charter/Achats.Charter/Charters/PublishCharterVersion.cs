using System.Text.Json.Serialization;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Charter.Charters;

/// <summary>Staff publish the draft: its text and fingerprint are frozen as the cohort's new current version.</summary>
public sealed record PublishCharterVersion(Guid CohortId)
{
    [JsonIgnore]
    public Guid CharterId => CharterStreams.CharterIdOf(CohortId);
}

public static class PublishCharterVersionHandler
{
    public static (CharterVersion, Events, Signatures.AskToSignAgain) Handle(
        PublishCharterVersion command,
        [WriteAggregate(nameof(PublishCharterVersion.CharterId), OnMissing = OnMissing.ThrowException,
            MissingMessage = "Aucune charte n'a encore été rédigée pour cette édition.")] CohortCharter charter,
        TimeProvider time)
    {
        var published = Publish(charter, Guid.CreateVersion7(), time.GetUtcNow());
        // Whoever signed an earlier version while in the cohort is asked to sign this one.
        return (published.Version, [published], new Signatures.AskToSignAgain(command.CohortId, published.Version.Id, published.Version.Number));
    }

    /// <summary>The draft becomes version n+1, its fingerprint computed once and frozen with it.</summary>
    public static CharterVersionPublished Publish(CohortCharter charter, Guid versionId, DateTimeOffset now)
    {
        var draft = charter.Draft ?? throw new ConflictException("Il n'y a pas de brouillon à publier : enregistrez d'abord le texte de la nouvelle version.");
        return new CharterVersionPublished(new CharterVersion(versionId, charter.Versions.Count + 1, draft, draft.Fingerprint(), now));
    }
}

internal static class PublishCharterVersionEndpoint
{
    public static RouteHandlerBuilder MapPublishCharterVersion(this IEndpointRouteBuilder charter) =>
        charter.MapPost("/cohorts/{cohortId:guid}/versions", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var version = await bus.InvokeAsync<CharterVersion>(new PublishCharterVersion(cohortId), cancellationToken);
                return TypedResults.Created($"/api/charter/v1/cohorts/{cohortId}", version);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(PublishCharterVersion))
            .WithSummary("Publier le brouillon comme nouvelle version de la charte")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

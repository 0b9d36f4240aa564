using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Shared.Time;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Review;

/// <summary>A solution as staff review it: both versions when an edit waits, its contact, and its whole timeline.</summary>
public sealed record GetSolutionForReview(Guid SolutionId);

/// <summary>
/// The staff view of a solution. <see cref="Published"/> is given only when it differs from <see cref="Draft"/>
/// (an edit of a published solution), with <see cref="ChangedFields"/> naming what the edit changes.
/// </summary>
public sealed record SolutionReview(
    Guid Id,
    int Version,
    SolutionStatus Status,
    string StatusText,
    bool IsPublished,
    SolutionContent Draft,
    SolutionContent? Published,
    IReadOnlyList<string> ChangedFields,
    SupplierContact Contact,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastSentAt,
    DateTimeOffset? PublishedAt,
    string? ChangesMessage,
    string? Reason,
    IReadOnlyList<SolutionTimelineEntry> Timeline);

/// <summary>One event of a solution's life: when (and when in Paris, in words), who acted, what it says and why.</summary>
public sealed record SolutionTimelineEntry(long Version, DateTimeOffset At, string When, string Actor, string What, string? Why);

public static class GetSolutionForReviewHandler
{
    public static async Task<SolutionReview> Handle(GetSolutionForReview query, IQuerySession session, CancellationToken cancellationToken)
    {
        var solution = await session.LoadSolutionAsync(query.SolutionId, cancellationToken);
        var events = await session.Events.FetchStreamAsync(query.SolutionId, token: cancellationToken);
        var published = solution.Published is { } online && SolutionChanges.Between(online, solution.Draft).Count > 0 ? online : null;
        return new SolutionReview(
            solution.Id,
            solution.Version,
            solution.Status,
            SolutionLabels.Of(solution.Status, solution.IsPublished),
            solution.IsPublished,
            solution.Draft,
            published,
            published is null ? [] : SolutionChanges.Between(published, solution.Draft),
            solution.Contact,
            solution.SubmittedAt,
            solution.LastSentAt,
            solution.PublishedAt,
            solution.ChangesMessage,
            solution.Reason,
            [.. events.Select(Entry)]);
    }

    private static SolutionTimelineEntry Entry(IEvent recorded) =>
        new(recorded.Version, recorded.Timestamp, FrenchDates.At(recorded.Timestamp), ActorOf(recorded), What(recorded.Data), Why(recorded.Data));

    private static string What(object recorded) => recorded switch
    {
        SolutionSubmitted => "Solution proposée au catalogue (adresse du contact confirmée)",
        SolutionRevised => "Nouvelle version envoyée par le fournisseur",
        ChangesRequested => "Modifications demandées au fournisseur",
        SolutionPublished => "Version approuvée et publiée dans le catalogue",
        SolutionRefused => "Solution refusée",
        SolutionUnpublished => "Solution retirée du catalogue",
        _ => recorded.GetType().Name,
    };

    private static string? Why(object recorded) => recorded switch
    {
        ChangesRequested requested => requested.Message,
        SolutionRefused refused => refused.Reason,
        SolutionUnpublished unpublished => unpublished.Reason,
        _ => null,
    };

    /// <summary>
    /// Staff by their name (ADR 0009); the supplier, who has no account, by the address they act from: the one the
    /// event's metadata records, else the contact address of the version they sent.
    /// </summary>
    private static string ActorOf(IEvent recorded)
    {
        var actor = Parsed(recorded.UserName);
        if (actor is { Kind: Actor.Staff or Actor.PartnerKind or Actor.Participant })
        {
            return Actor.Describe(recorded.UserName);
        }

        var supplier = actor is { Id: var id } && id.Contains('@', StringComparison.Ordinal) ? id
            : recorded.Data switch
            {
                SolutionSubmitted submitted => submitted.Content.Contact.Email,
                SolutionRevised revised => revised.Content.Contact.Email,
                _ => null,
            };
        return supplier is null ? Actor.Describe(null) : $"{supplier} (fournisseur)";
    }

    private static Actor? Parsed(string? recorded)
    {
        try
        {
            return recorded is null ? null : Actor.Parse(recorded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

internal static class GetSolutionForReviewEndpoint
{
    public static RouteHandlerBuilder MapGetSolutionForReview(this IEndpointRouteBuilder review) =>
        review.MapGet("/solutions/{solutionId:guid}", async (Guid solutionId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SolutionReview>(new GetSolutionForReview(solutionId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetSolutionForReview))
            .WithSummary("Une solution vue par l'équipe : version en relecture, version publiée si elle diffère, contact, historique")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

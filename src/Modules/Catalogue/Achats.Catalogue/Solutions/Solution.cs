using Achats.Shared.Http;
using Achats.Shared.Replay;
using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Catalogue.Solutions;

/// <summary>
/// A solution as its events tell it, kept inline as a document too: staff review what they just decided. Two versions
/// may live side by side: <see cref="Published"/>, what the catalogue shows, and <see cref="Draft"/>, the supplier's
/// latest, which differs while an edit waits for review: a published solution stays online in its approved version.
/// </summary>
[ReplayedAs("solution", "solutions")]
public sealed record Solution(Guid Id, SolutionContent Draft, DateTimeOffset SubmittedAt)
{
    public int Version { get; set; }

    public SolutionStatus Status { get; init; } = SolutionStatus.AwaitingReview;

    /// <summary>The approved version the catalogue shows, or null while the solution is not in the catalogue.</summary>
    public SolutionContent? Published { get; init; }

    /// <summary>When the version now published was approved.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When the supplier last sent a version: the review queue is in this order, oldest first.</summary>
    public DateTimeOffset LastSentAt { get; init; } = SubmittedAt;

    /// <summary>What staff last asked the supplier to change, while they are asked to.</summary>
    public string? ChangesMessage { get; init; }

    /// <summary>Why staff refused or unpublished the solution.</summary>
    public string? Reason { get; init; }

    /// <summary>The contact staff and matchmaking write to: the draft's, the supplier's latest word.</summary>
    public SupplierContact Contact => Draft.Contact;

    public static Solution Create(SolutionSubmitted submitted) => new(submitted.SolutionId, submitted.Content, submitted.SubmittedAt);

    public Solution Apply(SolutionRevised revised) => this with
    {
        Draft = revised.Content,
        Status = SolutionStatus.AwaitingReview,
        LastSentAt = revised.RevisedAt,
        ChangesMessage = null,
    };

    public Solution Apply(ChangesRequested requested) => this with { Status = SolutionStatus.ChangesRequested, ChangesMessage = requested.Message };

    public Solution Apply(SolutionPublished published) => this with
    {
        Status = SolutionStatus.Published,
        Published = Draft,
        PublishedAt = published.PublishedAt,
        ChangesMessage = null,
        Reason = null,
    };

    public Solution Apply(SolutionRefused refused) => this with { Status = SolutionStatus.Refused, Reason = refused.Reason };

    public Solution Apply(SolutionUnpublished unpublished) => this with
    {
        Status = SolutionStatus.Unpublished,
        Published = null,
        PublishedAt = null,
        Reason = unpublished.Reason,
    };

    /// <summary>In the catalogue now, whatever is under review.</summary>
    public bool IsPublished => Published is not null;

    /// <summary>A version waits for staff: a new submission, or a published solution's edit.</summary>
    public bool AwaitsReview => Status == SolutionStatus.AwaitingReview;
}

/// <summary>Where the supplier's latest version stands.</summary>
public enum SolutionStatus
{
    /// <summary>Sent, waiting for staff (a published solution stays online meanwhile).</summary>
    AwaitingReview,
    ChangesRequested,
    Published,
    Refused,
    Unpublished,
}

/// <summary>The solution a command changes, loaded by Wolverine's aggregate handler workflow: 404 when there is none.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class WriteSolutionAttribute : WriteAggregateAttribute
{
    public WriteSolutionAttribute()
    {
        OnMissing = OnMissing.ThrowException;
        MissingMessage = SolutionStreams.NotFound;
    }
}

/// <summary>Reading a solution, and what a change to it answers.</summary>
internal static class SolutionStreams
{
    public const string NotFound = "Aucune solution du catalogue ne porte cet identifiant.";

    public static async Task<Solution> LoadSolutionAsync(this IQuerySession session, Guid solutionId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Solution>(solutionId, cancellationToken) ?? throw new NotFoundException(NotFound);

    /// <summary>The version the solution will be at once the decided events are committed.</summary>
    public static SolutionChanged Changed(this Solution solution, IReadOnlyCollection<object> events) =>
        new(solution.Id, solution.Version + events.Count);
}

/// <summary>What a change to a solution answers: the solution and its new version.</summary>
public sealed record SolutionChanged(Guid SolutionId, int Version);

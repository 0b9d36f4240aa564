namespace Achats.Catalogue.Solutions;

// A solution's life, one stream per solution. Every event carries who acted in its metadata (ADR 0009): the supplier
// (by their confirmed address) for a submission or a revision, a staff member for a decision.

/// <summary>A supplier's submission whose contact confirmed their address: it now waits for review.</summary>
public sealed record SolutionSubmitted(Guid SolutionId, SolutionContent Content, DateTimeOffset SubmittedAt, DateTimeOffset ConfirmedAt);

/// <summary>The supplier sent a new version (asked to, or of their own accord): it waits for review.</summary>
public sealed record SolutionRevised(Guid SolutionId, SolutionContent Content, DateTimeOffset RevisedAt);

/// <summary>Staff ask the supplier to change the version under review; the message is emailed with a link to edit it.</summary>
public sealed record ChangesRequested(Guid SolutionId, string Message, DateTimeOffset RequestedAt);

/// <summary>Staff approve the version under review: it is what the catalogue now shows.</summary>
public sealed record SolutionPublished(Guid SolutionId, DateTimeOffset PublishedAt);

/// <summary>Staff refuse a solution never published, for the reason emailed to the supplier.</summary>
public sealed record SolutionRefused(Guid SolutionId, string Reason, DateTimeOffset RefusedAt);

/// <summary>Staff take a published solution out of the catalogue, for the reason emailed to the supplier.</summary>
public sealed record SolutionUnpublished(Guid SolutionId, string Reason, DateTimeOffset UnpublishedAt);

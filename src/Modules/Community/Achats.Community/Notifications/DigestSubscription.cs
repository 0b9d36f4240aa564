namespace Achats.Community.Notifications;

/// <summary>
/// A member's choice about the daily digest (ADR 0057): a document keyed by their enrolment, written only when they
/// change it; without one, they receive the digest.
/// </summary>
public sealed record DigestSubscription(Guid Id, Guid CohortId, bool Receives, DateTimeOffset ChangedAt);

/// <summary>The opt-out link of one digest email: the hash of its token (<c>SigningToken</c>), and whose digest it stops.</summary>
public sealed record DigestOptOutLink(string Id, Guid CohortId, Guid EnrolmentId, DateTimeOffset SentAt);

/// <summary>What the notifications page and API tell a member: whether they receive the daily digest.</summary>
public sealed record DigestChoice(Guid CohortId, bool Receives);

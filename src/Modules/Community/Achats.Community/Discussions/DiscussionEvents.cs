namespace Achats.Community.Discussions;

// The events of a discussion thread (one stream per thread, ADR 0054). Authors are members by enrolment, or staff by
// their account (Author); Marten's metadata records the actor of each event as everywhere else.

/// <summary>A thread was started in a channel of the space: its first post.</summary>
public sealed record ThreadStarted(Guid ThreadId, Guid CohortId, Guid ChannelId, string Subject, Guid PostId, PostAuthor Author, string Text,
    IReadOnlyList<Guid> Mentions, DateTimeOffset PostedAt);

/// <summary>A reply in the thread.</summary>
public sealed record ReplyPosted(Guid PostId, PostAuthor Author, string Text, IReadOnlyList<Guid> Mentions, DateTimeOffset PostedAt);

/// <summary>Its author changed a post's text (the previous text stays in the stream).</summary>
public sealed record PostEdited(Guid PostId, string Text, IReadOnlyList<Guid> Mentions, DateTimeOffset EditedAt);

/// <summary>A member reported a post to staff, with their reason.</summary>
public sealed record PostReported(Guid PostId, Guid ReportedBy, string Reason, DateTimeOffset ReportedAt);

/// <summary>Staff hid a post, with the reason members read in its place; never deleted.</summary>
public sealed record PostHidden(Guid PostId, string Reason, string HiddenBy, DateTimeOffset HiddenAt);

/// <summary>Who wrote a post: a member (<see cref="EnrolmentId"/>) or a staff member (<see cref="StaffName"/>, their account <see cref="StaffId"/>).</summary>
public sealed record PostAuthor(Guid? EnrolmentId, string? StaffName, string? StaffId = null);

using Achats.Shared.Replay;

namespace Achats.Community.Discussions;

/// <summary>
/// A thread of a channel and its posts, its events folded, kept inline as a document too (the pages and the daily
/// digest read it). The channel is <see cref="Channels.General"/> or a working group's id.
/// </summary>
[ReplayedAs("discussion", "discussions", "Title")]
public sealed record DiscussionThread
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid CohortId { get; init; }

    public Guid ChannelId { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The first post, then the replies, in the order they were posted.</summary>
    public IReadOnlyList<Post> Posts { get; init; } = [];

    public DateTimeOffset LastPostAt { get; init; }

    public static DiscussionThread Create(ThreadStarted started) => new()
    {
        Id = started.ThreadId,
        CohortId = started.CohortId,
        ChannelId = started.ChannelId,
        Subject = started.Subject,
        Posts = [new Post(started.PostId, started.Author, started.Text, started.Mentions, started.PostedAt)],
        LastPostAt = started.PostedAt,
    };

    public DiscussionThread Apply(ReplyPosted reply) => this with
    {
        Posts = [.. Posts, new Post(reply.PostId, reply.Author, reply.Text, reply.Mentions, reply.PostedAt)],
        LastPostAt = reply.PostedAt,
    };

    public DiscussionThread Apply(PostEdited edited) =>
        Change(edited.PostId, post => post with { Text = edited.Text, Mentions = edited.Mentions, EditedAt = edited.EditedAt });

    public DiscussionThread Apply(PostReported reported) =>
        Change(reported.PostId, post => post with { Reports = [.. post.Reports, new PostReport(reported.ReportedBy, reported.Reason, reported.ReportedAt)] });

    public DiscussionThread Apply(PostHidden hidden) =>
        Change(hidden.PostId, post => post with { HiddenBecause = hidden.Reason, HiddenBy = hidden.HiddenBy, HiddenAt = hidden.HiddenAt });

    public Post? Post(Guid postId) => Posts.FirstOrDefault(post => post.PostId == postId);

    private DiscussionThread Change(Guid postId, Func<Post, Post> change) =>
        this with { Posts = Posts.Select(post => post.PostId == postId ? change(post) : post).ToList() };
}

/// <summary>A post of a thread, as it now reads; a hidden one keeps its text for staff, members read the reason.</summary>
public sealed record Post(Guid PostId, PostAuthor Author, string Text, IReadOnlyList<Guid> Mentions, DateTimeOffset PostedAt)
{
    public DateTimeOffset? EditedAt { get; init; }

    public IReadOnlyList<PostReport> Reports { get; init; } = [];

    public string? HiddenBecause { get; init; }

    public string? HiddenBy { get; init; }

    public DateTimeOffset? HiddenAt { get; init; }

    public bool IsHidden => HiddenBecause is not null;
}

public sealed record PostReport(Guid ReportedBy, string Reason, DateTimeOffset ReportedAt);

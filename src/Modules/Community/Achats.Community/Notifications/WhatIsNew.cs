using Achats.Community.Discussions;
using Achats.Community.Spaces;

namespace Achats.Community.Notifications;

/// <summary>A thread as a member's digest tells it: the posts new to them, and whether they wrote in it (a reply to their thread).</summary>
public sealed record ThreadNews(DiscussionThread Thread, IReadOnlyList<Post> NewPosts, bool Theirs);

/// <summary>
/// What is new for a member between two cut-offs: in their channels (the general one and their working groups'), and in
/// the threads they wrote in, wherever those are; posts by others only, hidden ones left out. Nothing for a former
/// member, nor in a space that is not open (archived).
/// </summary>
public static class WhatIsNew
{
    public static IReadOnlyList<Guid> ChannelsOf(CohortSpace space, Guid enrolmentId) =>
        [Channels.General(space.CohortId), .. space.GroupsOf(enrolmentId).Select(group => group.GroupId)];

    public static IReadOnlyList<ThreadNews> For(
        CohortSpace space, Guid enrolmentId, IEnumerable<DiscussionThread> threads, DateTimeOffset since, DateTimeOffset until)
    {
        if (!space.IsOpen || space.Member(enrolmentId) is not { IsCurrent: true })
        {
            return [];
        }

        var channels = ChannelsOf(space, enrolmentId).ToHashSet();
        return threads
            .Where(thread => thread.CohortId == space.CohortId)
            .Select(thread => new ThreadNews(
                thread,
                thread.Posts.Where(post => post.PostedAt > since && post.PostedAt <= until && !post.IsHidden && post.Author.EnrolmentId != enrolmentId).ToList(),
                thread.Posts.Any(post => post.Author.EnrolmentId == enrolmentId)))
            .Where(news => news.NewPosts.Count > 0 && (news.Theirs || channels.Contains(news.Thread.ChannelId)))
            .OrderBy(news => news.NewPosts[0].PostedAt)
            .ToList();
    }
}

using Achats.Community.Spaces;
using Achats.Shared.Http;

namespace Achats.Community.Discussions;

/// <summary>A channel of a space as its visitor sees it: the general one, or a working group's (<see cref="IsMine"/>: the visitor's own group).</summary>
public sealed record SpaceChannel(Guid ChannelId, string Name, bool IsMine);

/// <summary>
/// The channels of a space: the general one, and one per published working group (its group id). Every member and
/// staff read and post in all of them; a member's own groups come first.
/// </summary>
public static class Channels
{
    public const string NotFound = "Ce canal n'existe pas dans cet espace : choisissez le canal général ou celui d'un groupe de travail.";

    /// <summary>The general channel of the space of <paramref name="cohortId"/>.</summary>
    public static Guid General(Guid cohortId) => Shared.Messaging.StreamIds.Derive("community.general-channel", cohortId);

    /// <summary>The channels of <paramref name="visit"/>'s space: the general one, then the visitor's groups, then the others by name.</summary>
    public static IReadOnlyList<SpaceChannel> Of(SpaceVisit visit)
    {
        var mine = visit.Member is { } member ? visit.Space.GroupsOf(member.EnrolmentId).Select(group => group.GroupId).ToHashSet() : [];
        return
        [
            new SpaceChannel(General(visit.Space.CohortId), DiscussionTexts.GeneralChannel, false),
            .. visit.Space.Groups
                .OrderByDescending(group => mine.Contains(group.GroupId)).ThenBy(group => group.Name, StringComparer.CurrentCulture)
                .Select(group => new SpaceChannel(group.GroupId, group.Name, mine.Contains(group.GroupId))),
        ];
    }

    /// <summary>
    /// The channel of a thread, to read it: a working group dropped by a later publication leaves its threads readable,
    /// under a name that says so.
    /// </summary>
    public static SpaceChannel OfThread(SpaceVisit visit, Guid channelId) =>
        Of(visit).FirstOrDefault(channel => channel.ChannelId == channelId) ?? new SpaceChannel(channelId, DiscussionTexts.FormerGroup, false);

    /// <summary>The channel <paramref name="channelId"/> of the space, or a 404.</summary>
    public static SpaceChannel Find(SpaceVisit visit, Guid channelId) =>
        Of(visit).FirstOrDefault(channel => channel.ChannelId == channelId) ?? throw new NotFoundException(NotFound);
}

using Achats.Community.Spaces;
using Achats.Shared.Http;
using FluentValidation;

namespace Achats.Community.Discussions;

/// <summary>What a change to a thread answers: the thread and its new version (staff's hide carries it back).</summary>
public sealed record ThreadChanged(Guid ThreadId, Guid PostId, int Version);

/// <summary>
/// How every use case of the discussions starts: the door of the space opened again in the handler's own session (a
/// member withdrawn a second ago is refused), the thread read in that space only.
/// </summary>
internal static class DiscussionStreams
{
    public const string ThreadNotFound = "Cette discussion n'existe pas dans cet espace.";
    public const string PostNotFound = "Ce message n'existe pas dans cette discussion.";
    public const int MaxSubject = 150;
    public const int MaxText = 10_000;
    public const int MaxReason = 1_000;

    /// <summary>The thread, when it is one of <paramref name="visit"/>'s space (another space's is as unknown as a missing one).</summary>
    public static DiscussionThread InSpace(this DiscussionThread? thread, SpaceVisit visit) =>
        thread is not null && thread.CohortId == visit.Space.CohortId ? thread : throw new NotFoundException(ThreadNotFound);

    public static Post PostOf(this DiscussionThread thread, Guid postId) => thread.Post(postId) ?? throw new NotFoundException(PostNotFound);

    /// <summary>Who writes in this visit: the member by their enrolment, or staff by their name.</summary>
    public static PostAuthor Author(this SpaceVisit visit) =>
        visit.Member is { } member ? new PostAuthor(member.EnrolmentId, null) : new PostAuthor(null, visit.Visitor.StaffName ?? "", visit.Visitor.StaffId);

    /// <summary>Whether <paramref name="visit"/>'s visitor wrote <paramref name="post"/>.</summary>
    public static bool Wrote(this SpaceVisit visit, Post post) => visit.Member is { } member
        ? post.Author.EnrolmentId == member.EnrolmentId
        : post.Author.EnrolmentId is null && visit.Visitor.StaffId is { } staffId && post.Author.StaffId == staffId;
}

/// <summary>The rules every post's words follow.</summary>
internal static class DiscussionRules
{
    public static IRuleBuilderOptions<T, string> PostText<T>(this IRuleBuilder<T, string> text) => text
        .NotEmpty().WithMessage("Écrivez votre message.")
        .MaximumLength(DiscussionStreams.MaxText).WithMessage("Un message ne doit pas dépasser 10 000 caractères.");

    public static IRuleBuilderOptions<T, string> Reason<T>(this IRuleBuilder<T, string> reason, string required) => reason
        .NotEmpty().WithMessage(required)
        .MaximumLength(DiscussionStreams.MaxReason).WithMessage($"Ce motif ne doit pas dépasser {DiscussionStreams.MaxReason} caractères.");
}

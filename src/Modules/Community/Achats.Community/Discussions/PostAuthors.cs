using Achats.Community.Spaces;

namespace Achats.Community.Discussions;

/// <summary>Who a post is shown as written by, and under which detail: the author as the space knows them now.</summary>
public sealed record AuthorLabel(string Name, string? Detail, bool IsStaff);

public static class PostAuthors
{
    /// <summary>
    /// A current member by name and organisation; a former one as « ancien·ne participant·e », never by name; staff as
    /// « Équipe du programme », with their name.
    /// </summary>
    public static AuthorLabel Label(PostAuthor author, CohortSpace space) => author switch
    {
        { EnrolmentId: { } enrolmentId } when space.Member(enrolmentId) is { IsCurrent: true } member =>
            new AuthorLabel(member.Name, member.Organisation, false),
        { EnrolmentId: not null } => new AuthorLabel(DiscussionTexts.FormerMember, null, false),
        _ => new AuthorLabel(DiscussionTexts.ProgrammeTeam, author.StaffName, true),
    };
}

using Achats.Community.Contracts;

namespace Achats.Community.Spaces;

/// <summary>The pages of a space, under <see cref="CommunitySpaces.PathOf"/>.</summary>
public static class SpacePaths
{
    public const string Discussions = "/discussions";
    public const string Directory = "/annuaire";
    public const string Resources = "/ressources";
    public const string MyProject = "/mon-projet";
    public const string Notifications = "/notifications";

    public static string Of(Guid cohortId, string page) => $"{CommunitySpaces.PathOf(cohortId)}{page}";
}

namespace Achats.Community.Contracts;

/// <summary>Where the participants' space of an edition lives, for the emails and pages of other modules that link to it.</summary>
public static class CommunitySpaces
{
    /// <summary>The spaces the signed-in visitor may enter.</summary>
    public const string Home = "/espace";

    /// <summary>The home page (« Accueil ») of the space of <paramref name="cohortId"/>.</summary>
    public static string PathOf(Guid cohortId) => $"{Home}/{cohortId}";
}

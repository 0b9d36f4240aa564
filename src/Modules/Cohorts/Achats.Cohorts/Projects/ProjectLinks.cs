using Achats.Cohorts.Contracts;
using Achats.Shared.Web;

namespace Achats.Cohorts.Projects;

/// <summary>The addresses of the projects' pages and exports, each naming its cohort (<c>?edition=</c>).</summary>
internal static class ProjectLinks
{
    /// <summary>The list, for the cohort remembered or the latest.</summary>
    public const string Root = "/projets";

    public static string List(Guid cohortId) => $"/projets?edition={cohortId}";

    public static string Declare(Guid cohortId) => $"/projets/nouveau?edition={cohortId}";

    public static string Report(Guid cohortId) => $"/projets/bilan?edition={cohortId}";

    public static string Project(Guid cohortId, Guid projectId) => $"/projets/{projectId}?edition={cohortId}";

    /// <summary>The API's export of the cohort's projects: <c>csv</c> or <c>xlsx</c>, same columns.</summary>
    public static string Export(Guid cohortId, string extension) => $"/api/cohorts/v1/cohorts/{cohortId}/projects.{extension}";
}

/// <summary>What the projects' forms and filters offer, in French, and how they read a posted choice.</summary>
internal static class ProjectChoices
{
    public static readonly IReadOnlyList<Choice> Categories =
        PurchaseLabels.PurchaseCategories.Select(category => new Choice(category.Value.ToString(), category.Label)).ToList();

    public static readonly IReadOnlyList<Choice> Themes = PurchaseLabels.Themes.Select(theme => new Choice(theme.Value.ToString(), theme.Label)).ToList();

    public static readonly IReadOnlyList<Choice> Milestones =
        Enum.GetValues<Milestone>().Select(milestone => new Choice(milestone.ToString(), ProjectLabels.Of(milestone))).ToList();

    /// <summary>A choice by its name (never a number); an unknown one is refused on <paramref name="field"/>.</summary>
    public static T? Parse<T>(string? text, Dictionary<string, string[]> refused, string field, string message) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0]) && text[0] != '-')
        {
            return value;
        }

        refused[field] = [message];
        return null;
    }
}

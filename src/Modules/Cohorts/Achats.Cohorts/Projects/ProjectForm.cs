using System.Globalization;
using Achats.Cohorts.Contracts;
using Achats.Shared.Web;

namespace Achats.Cohorts.Projects;

/// <summary>
/// What the declaration and update forms post, as text; read into the commands' fields, an unreadable choice or date
/// refused on its field (named as the API names it) before any command is sent.
/// </summary>
public sealed class ProjectForm
{
    public string? EnrolmentId { get; set; }
    public int Version { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public List<string>? Themes { get; set; }
    public string? Milestone { get; set; }
    public string? ExpectedProcedureOn { get; set; }
    public string? Notes { get; set; }

    public static ProjectForm Of(ProjectDetails details, int version) => new()
    {
        Version = version,
        Title = details.Title,
        Category = details.Category.ToString(),
        Themes = details.Themes.Select(theme => theme.ToString()).ToList(),
        Milestone = details.Milestone.ToString(),
        ExpectedProcedureOn = details.ExpectedProcedureOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Notes = details.Notes,
    };

    /// <summary>The fields both commands take, or the fields refused.</summary>
    internal (Fields Fields, FormErrors Refused) Read()
    {
        Dictionary<string, string[]> refused = [];
        var category = ProjectChoices.Parse<PurchaseCategory>(Category, refused, "category", ProjectTexts.UnknownCategory);
        var milestone = ProjectChoices.Parse<Milestone>(Milestone, refused, "milestone", ProjectTexts.UnknownMilestone);
        List<Theme> themes = [];
        foreach (var theme in Themes ?? [])
        {
            if (ProjectChoices.Parse<Theme>(theme, refused, "themes", ProjectTexts.UnknownTheme) is { } known)
            {
                themes.Add(known);
            }
        }

        DateOnly? expectedOn = null;
        if (!string.IsNullOrWhiteSpace(ExpectedProcedureOn))
        {
            if (DateOnly.TryParseExact(ExpectedProcedureOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            {
                expectedOn = on;
            }
            else
            {
                refused["expectedProcedureOn"] = [ProjectTexts.UnreadableDate];
            }
        }

        return (new Fields(Title ?? "", category, themes, expectedOn, milestone, Notes), new FormErrors(refused, null));
    }

    public sealed record Fields(string Title, PurchaseCategory? Category, IReadOnlyList<Theme> Themes, DateOnly? ExpectedOn, Milestone? Milestone, string? Notes);
}

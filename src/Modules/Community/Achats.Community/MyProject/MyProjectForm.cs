using System.Globalization;
using Achats.Cohorts.Contracts;

namespace Achats.Community.MyProject;

/// <summary>
/// What the project forms post, as text, read into the contract's fields: a choice no option offers or an unreadable
/// date becomes a value Cohorts' validator refuses on its field (never a crash, never a silent default).
/// </summary>
public sealed class MyProjectForm
{
    public Guid? ProjectId { get; set; }
    public int Version { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public List<string?>? Themes { get; set; }
    public string? Milestone { get; set; }
    public string? ExpectedProcedureOn { get; set; }
    public string? Notes { get; set; }

    public PurchaseCategory? CategoryValue => Known<PurchaseCategory>(Category);

    public IReadOnlyList<Theme> ThemeValues => (Themes ?? []).Select(theme => Known<Theme>(theme) ?? (Theme)(-1)).ToList();

    public Milestone? MilestoneValue => Known<Milestone>(Milestone);

    /// <summary>None when left empty; an unreadable date becomes the one the validator names as not valid.</summary>
    public DateOnly? ExpectedOn => string.IsNullOrWhiteSpace(ExpectedProcedureOn) ? null
        : DateOnly.TryParseExact(ExpectedProcedureOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : default(DateOnly);

    public static MyProjectForm Of(OwnProject project) => new()
    {
        ProjectId = project.ProjectId,
        Version = project.Version,
        Title = project.Title,
        Category = project.Category.ToString(),
        Themes = project.Themes.Select(theme => (string?)theme.ToString()).ToList(),
        Milestone = project.Milestone.ToString(),
        ExpectedProcedureOn = project.ExpectedProcedureOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Notes = project.Notes,
    };

    /// <summary>A name no option offers (a forged post) is refused by the validator as unknown (an empty one as missing).</summary>
    private static TEnum? Known<TEnum>(string? text) where TEnum : struct, Enum =>
        string.IsNullOrEmpty(text) ? null
        : Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : (TEnum)Enum.ToObject(typeof(TEnum), -1);
}

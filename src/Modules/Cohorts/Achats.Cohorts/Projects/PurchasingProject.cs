using Achats.Cohorts.Contracts;
using Achats.Shared.Replay;
using FluentValidation;

namespace Achats.Cohorts.Projects;

/// <summary>
/// A purchasing project of the cohort, carried by an admitted participant or a pair (its owners). The
/// programme's own measure of impact: what is bought, with which stakes, and how far it has got.
/// </summary>
[ReplayedAs("projet d'achat", "projets d'achat", "Details.Title")]
public sealed record PurchasingProject(
    Guid Id,
    Guid CohortId,
    IReadOnlyList<Guid> Owners,
    ProjectDetails Details,
    bool NamedAtPreRegistration,
    DateTimeOffset DeclaredAt)
{
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; init; } = DeclaredAt;

    public static PurchasingProject Create(PurchasingProjectDeclared declared) => new(
        declared.ProjectId, declared.CohortId, declared.Owners, declared.Details, declared.NamedAtPreRegistration, declared.DeclaredAt);

    public PurchasingProject Apply(PurchasingProjectUpdated updated) => this with { Details = updated.Details, UpdatedAt = updated.UpdatedAt };

    public PurchasingProject Apply(ProjectOwnerAdded added) => this with { Owners = [.. Owners, added.EnrolmentId] };

    public PurchasingProject Apply(ProjectHandedOver handedOver) => this with
    {
        Owners = Owners.Select(owner => owner == handedOver.FromEnrolmentId ? handedOver.ToEnrolmentId : owner).Distinct().ToList(),
    };
}

public sealed record ProjectDetails(
    string Title,
    PurchaseCategory Category,
    IReadOnlyList<Theme> Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone Milestone,
    string? Notes)
{
    /// <summary>Equal field by field, themes included.</summary>
    public bool Equals(ProjectDetails? other) =>
        other is not null && (Title, Category, ExpectedProcedureOn, Milestone, Notes) == (other.Title, other.Category, other.ExpectedProcedureOn, other.Milestone, other.Notes)
        && Themes.SequenceEqual(other.Themes);

    public override int GetHashCode() => HashCode.Combine(Title, Category, Milestone);
}

public sealed record PurchasingProjectDeclared(
    Guid ProjectId,
    Guid CohortId,
    IReadOnlyList<Guid> Owners,
    ProjectDetails Details,
    bool NamedAtPreRegistration,
    DateTimeOffset DeclaredAt);

public sealed record PurchasingProjectUpdated(ProjectDetails Details, DateTimeOffset UpdatedAt);

/// <summary>A colleague admitted on the same project (named at pre-registration) carries it too.</summary>
public sealed record ProjectOwnerAdded(Guid EnrolmentId);

/// <summary>The owner was replaced by a colleague, who carries the project on.</summary>
public sealed record ProjectHandedOver(Guid FromEnrolmentId, Guid ToEnrolmentId);

internal static class ProjectLabels
{
    public static string Of(Milestone milestone) => PurchaseLabels.Of(milestone);

    /// <summary>« Économie circulaire », « Économie sociale et solidaire », or both.</summary>
    public static string Of(IReadOnlyList<Theme> themes) => themes.Count == 2 ? "Les deux" : PurchaseLabels.Of(themes[0]);
}

/// <summary>What declaring and updating a project both say.</summary>
internal interface IProjectFields
{
    string Title { get; }
    PurchaseCategory? Category { get; }
    IReadOnlyList<Theme>? Themes { get; }
    DateOnly? ExpectedProcedureOn { get; }
    Milestone? Milestone { get; }
    string? Notes { get; }
}

internal sealed class ProjectFieldsValidator : AbstractValidator<IProjectFields>
{
    public ProjectFieldsValidator()
    {
        RuleFor(p => p.Title).NotEmpty().WithMessage("L'intitulé du projet d'achat est obligatoire.")
            .MaximumLength(200).WithMessage("L'intitulé ne doit pas dépasser 200 caractères.");
        RuleFor(p => p.Category).NotNull().WithMessage("La catégorie d'achat est obligatoire.")
            .IsInEnum().WithMessage("Catégorie d'achat inconnue.");
        RuleFor(p => p.Themes).NotEmpty().WithMessage("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.")
            .Must(themes => themes is null || themes.Count <= Enum.GetValues<Theme>().Length).WithMessage("Choisissez chaque enjeu une fois au plus.");
        RuleForEach(p => p.Themes).IsInEnum().WithMessage("Enjeu inconnu.");
        RuleFor(p => p.ExpectedProcedureOn).NotEqual(default(DateOnly)).WithMessage("La date prévue de la procédure n'est pas valide.");
        RuleFor(p => p.Milestone).NotNull().WithMessage("Indiquez où en est l'achat : besoin exprimé, consultation publiée, marché attribué ou en cours d'exécution.")
            .IsInEnum().WithMessage("Étape inconnue.");
        RuleFor(p => p.Notes).MaximumLength(4000).WithMessage("Les notes ne doivent pas dépasser 4000 caractères.");
    }

    public static ProjectDetails Details(IProjectFields fields) => new(
        fields.Title.Trim(),
        fields.Category!.Value,
        fields.Themes!.Distinct().Order().ToList(),
        fields.ExpectedProcedureOn,
        fields.Milestone!.Value,
        string.IsNullOrWhiteSpace(fields.Notes) ? null : fields.Notes.Trim());
}

namespace Achats.Catalogue.Solutions;

/// <summary>What suppliers, visitors and staff read for each ESS status and each step of a solution's review.</summary>
public static class SolutionLabels
{
    public static readonly IReadOnlyList<(EssStatus Value, string Label)> EssStatuses =
    [
        (EssStatus.Siae, "Structure d'insertion par l'activité économique (SIAE)"),
        (EssStatus.AdaptedCompany, "Entreprise adaptée (EA)"),
        (EssStatus.Esat, "Établissement et service d'accompagnement par le travail (ESAT)"),
        (EssStatus.EsusAgreement, "Agrément ESUS (entreprise solidaire d'utilité sociale)"),
        (EssStatus.Cooperative, "Coopérative (SCOP ou SCIC)"),
        (EssStatus.Association, "Association"),
        (EssStatus.None, "Aucun de ces statuts"),
    ];

    public static string Of(EssStatus status) => EssStatuses.First(entry => entry.Value == status).Label;

    /// <summary>The step as staff read it in the queue and on the solution's page.</summary>
    public static string Of(SolutionStatus status, bool published) => status switch
    {
        SolutionStatus.AwaitingReview when published => "Modification à relire (la version publiée reste en ligne)",
        SolutionStatus.AwaitingReview => "À relire",
        SolutionStatus.ChangesRequested when published => "Modifications demandées (la version publiée reste en ligne)",
        SolutionStatus.ChangesRequested => "Modifications demandées",
        SolutionStatus.Published => "Publiée",
        SolutionStatus.Refused => "Refusée",
        SolutionStatus.Unpublished => "Retirée du catalogue",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

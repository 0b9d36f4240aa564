namespace Achats.Cohorts.Contracts;

/// <summary>
/// What a purchasing project buys. The programme's shared vocabulary: enrolment asks for it, working groups
/// and matchmaking sessions form around it, and the catalogue links its solutions to it.
/// </summary>
public enum PurchaseCategory
{
    ConstructionAndPublicWorks,
    Catering,
    ItEquipment,
    Cleaning,
    Furniture,
    OfficeSupplies,
    Textiles,
    VehiclesAndMobility,
    WasteManagement,
    GreenSpaces,
    Events,
    Other,
}

/// <summary>The stakes a purchasing project takes on: one or both.</summary>
public enum Theme
{
    Circular,
    Solidarity,
}

/// <summary>How far a purchase has got: asked at pre-registration, followed by staff on the project.</summary>
public enum Milestone
{
    NeedExpressed,
    ConsultationPublished,
    ContractAwarded,
    UnderWay,
}

/// <summary>What participants and staff read for each purchase category, theme and milestone.</summary>
public static class PurchaseLabels
{
    public static readonly IReadOnlyList<(PurchaseCategory Value, string Label)> PurchaseCategories =
    [
        (PurchaseCategory.ConstructionAndPublicWorks, "Bâtiment et travaux publics (BTP)"),
        (PurchaseCategory.Catering, "Restauration"),
        (PurchaseCategory.ItEquipment, "Équipements informatiques"),
        (PurchaseCategory.Cleaning, "Nettoyage"),
        (PurchaseCategory.Furniture, "Mobilier"),
        (PurchaseCategory.OfficeSupplies, "Fournitures de bureau"),
        (PurchaseCategory.Textiles, "Textiles"),
        (PurchaseCategory.VehiclesAndMobility, "Véhicules et mobilité"),
        (PurchaseCategory.WasteManagement, "Gestion des déchets"),
        (PurchaseCategory.GreenSpaces, "Espaces verts"),
        (PurchaseCategory.Events, "Événementiel"),
        (PurchaseCategory.Other, "Autre"),
    ];

    public static readonly IReadOnlyList<(Theme Value, string Label)> Themes =
    [
        (Theme.Circular, "Économie circulaire"),
        (Theme.Solidarity, "Économie sociale et solidaire"),
    ];

    public static readonly IReadOnlyList<(Milestone Value, string Label)> Milestones =
    [
        (Milestone.NeedExpressed, "Besoin exprimé"),
        (Milestone.ConsultationPublished, "Consultation publiée"),
        (Milestone.ContractAwarded, "Marché attribué"),
        (Milestone.UnderWay, "En cours d'exécution"),
    ];

    public static string Of(PurchaseCategory category) => PurchaseCategories.First(entry => entry.Value == category).Label;

    public static string Of(Theme theme) => Themes.First(entry => entry.Value == theme).Label;

    public static string Of(Milestone milestone) => Milestones.First(entry => entry.Value == milestone).Label;
}

using Achats.Catalogue.Solutions;

namespace Achats.Catalogue.Review;

/// <summary>What a supplier's edit changes from the published version, named as the form names its fields.</summary>
internal static class SolutionChanges
{
    private static readonly (string Field, Func<SolutionContent, object?> Value)[] Fields =
    [
        ("Nom de la structure", content => content.Supplier.Name),
        ("SIREN", content => content.Supplier.Siren),
        ("Commune", content => content.Supplier.CommuneInseeCode),
        ("Forme juridique", content => content.Supplier.LegalForm),
        ("Statut dans l'ESS", content => content.Supplier.EssStatus),
        ("Site internet", content => content.Supplier.Website),
        ("Nom du contact", content => content.Contact.Name),
        ("Adresse électronique du contact", content => content.Contact.Email),
        ("Téléphone du contact", content => content.Contact.Phone),
        ("Titre", content => content.Solution.Title),
        ("Résumé", content => content.Solution.Summary),
        ("Description", content => content.Solution.Description),
        ("Catégories d'achat", content => content.Solution.Categories),
        ("Thématiques", content => content.Solution.Themes),
        ("Départements desservis", content => content.Solution.Departements),
        ("Labels et certifications", content => content.Solution.Labels),
        ("Références auprès d'acheteurs publics", content => content.Solution.References),
    ];

    /// <summary>The fields whose value differs between the two versions, in the form's order.</summary>
    public static IReadOnlyList<string> Between(SolutionContent published, SolutionContent draft) =>
        [.. Fields.Where(field => !Same(field.Value(published), field.Value(draft))).Select(field => field.Field)];

    private static bool Same(object? published, object? draft) => (published, draft) switch
    {
        (System.Collections.IEnumerable before, System.Collections.IEnumerable after) when published is not string =>
            before.Cast<object>().SequenceEqual(after.Cast<object>()),
        _ => Equals(published, draft),
    };
}

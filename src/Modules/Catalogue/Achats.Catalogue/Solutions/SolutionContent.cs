using Achats.Cohorts.Contracts;
using Achats.Shared.Privacy;

namespace Achats.Catalogue.Solutions;

/// <summary>
/// Everything a supplier tells about a solution, as one version: what the public form sends once valid, what staff
/// review, and what the catalogue shows once approved. A supplier's edit is a whole new version.
/// </summary>
public sealed record SolutionContent(Supplier Supplier, SupplierContact Contact, SolutionDescription Solution);

/// <summary>
/// The structure that sells the solution: where it is established (the INSEE code of its commune), its legal form as
/// it names it (SAS, SARL, association loi 1901, SCOP SA…) and its place in the ESS.
/// </summary>
public sealed record Supplier(string Name, string Siren, string CommuneInseeCode, string LegalForm, EssStatus EssStatus, string? Website);

/// <summary>The person staff and matchmaking write to; never shown in the public catalogue.</summary>
public sealed record SupplierContact([PersonalData] string Name, [PersonalData] string Email, [PersonalData] string? Phone);

/// <summary>
/// The solution itself as the catalogue shows it: a summary of one or two sentences for the search results, a
/// description in Markdown (shown through <c>SafeMarkdown</c>), and the codes of the départements served
/// (« 75 », « 2A », « 974 »).
/// </summary>
public sealed record SolutionDescription(
    string Title,
    string Summary,
    string Description,
    IReadOnlyList<PurchaseCategory> Categories,
    IReadOnlyList<Theme> Themes,
    IReadOnlyList<string> Departements,
    IReadOnlyList<string> Labels,
    IReadOnlyList<PublicBuyerReference> References);

/// <summary>A public buyer that already bought the solution: who, when, and what.</summary>
public sealed record PublicBuyerReference(string Buyer, int Year, string Purchase);

/// <summary>The supplier's place in the social and solidarity economy (ESS), if any.</summary>
public enum EssStatus
{
    /// <summary>Structure d'insertion par l'activité économique.</summary>
    Siae,
    AdaptedCompany,
    Esat,
    EsusAgreement,
    Cooperative,
    Association,
    None,
}

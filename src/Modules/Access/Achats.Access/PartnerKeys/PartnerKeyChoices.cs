using Achats.Shared.Access;
using Achats.Shared.Web;

namespace Achats.Access.PartnerKeys;

/// <summary>The partner keys page's choices in French: the partners, and the one table of the scopes' French names.</summary>
internal static class PartnerKeyChoices
{
    public static IEnumerable<Choice> Partners => OrganisingStructures.Partners.Select(partner => new Choice(partner.ToString(), partner.Name()));

    public static IEnumerable<Choice> Scopes => PartnerScope.All.Select(scope => new Choice(scope, Scope(scope)));

    public static string Scope(string scope) => scope switch
    {
        PartnerScope.AttestMemberships => PartnerKeyTexts.AttestMemberships,
        PartnerScope.ReadAttestations => PartnerKeyTexts.ReadAttestations,
        PartnerScope.ReadEnrolmentStatus => PartnerKeyTexts.ReadEnrolmentStatus,
        PartnerScope.ReadCatalogue => PartnerKeyTexts.ReadCatalogue,
        _ => scope,
    };

    /// <summary>A partner no option offers (a forged post) or none at all becomes one the validator refuses, never a crash.</summary>
    public static OrganisingStructure Known(string? partner) =>
        Enum.TryParse<OrganisingStructure>(partner, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : (OrganisingStructure)(-1);
}

using Achats.Enrolment.Eligibility;

namespace Achats.Enrolment.Enrolments;

/// <summary>What participants and staff read for each choice the enrolment offers.</summary>
public static class FrenchLabels
{
    public static readonly IReadOnlyList<(Profile Value, string Label)> Profiles =
        Enum.GetValues<Profile>().Select(profile => (profile, Contracts.ProfileLabels.Of(profile.ToString()))).ToList();

    public static readonly IReadOnlyList<(OrganisationKind Value, string Label)> OrganisationKinds =
    [
        (OrganisationKind.CommuneEptOrMetropole, "Commune, établissement public territorial (EPT) ou Métropole du Grand Paris"),
        (OrganisationKind.OtherPublicBody, "Autre structure publique soumise à la commande publique"),
        (OrganisationKind.PrivateCompany, "Entreprise privée"),
        (OrganisationKind.AssociationOrSocialEnterprise, "Association ou entreprise de l'économie sociale et solidaire"),
        (OrganisationKind.Other, "Autre"),
    ];

    public static readonly IReadOnlyList<(Membership Value, string Label)> Memberships =
        new[] { Membership.Inec, Membership.ObsAR, Membership.LesCanauxGovernance, Membership.LesCanauxBuyersCommunity }
            .Select(membership => (membership, EligibilityRules.Describe(membership))).ToList();
}

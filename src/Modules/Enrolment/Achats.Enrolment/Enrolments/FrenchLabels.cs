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

    /// <summary>Each step as a list or a count names it: « 12 pré-inscriptions à décider ».</summary>
    public static readonly IReadOnlyList<(EnrolmentStatus Value, string Label)> Statuses =
    [
        (EnrolmentStatus.PreRegistered, "Pré-inscrite"),
        (EnrolmentStatus.InformationRequested, "Informations demandées"),
        (EnrolmentStatus.Validated, "Validée, charte à signer"),
        (EnrolmentStatus.Admitted, "Admise"),
        (EnrolmentStatus.Rejected, "Refusée"),
        (EnrolmentStatus.Withdrawn, "Retirée"),
    ];

    public static readonly IReadOnlyList<(EligibilityOutcome Value, string Label)> Eligibilities =
    [
        (EligibilityOutcome.Free, "Gratuite"),
        (EligibilityOutcome.AwaitingAttestation, "En attente d'attestation"),
        (EligibilityOutcome.MembershipRequired, "Adhésion nécessaire"),
    ];

    public static string Of(EnrolmentStatus status) => Statuses.First(label => label.Value == status).Label;

    public static string Of(EligibilityOutcome? outcome) => outcome is { } known ? Eligibilities.First(label => label.Value == known).Label : "Pas encore évaluée";

    public static string Of(Profile profile) => Profiles.First(label => label.Value == profile).Label;

    public static string Of(OrganisationKind kind) => OrganisationKinds.First(label => label.Value == kind).Label;

    public static string Of(Membership membership) => Memberships.First(label => label.Value == membership).Label;

    public static readonly IReadOnlyList<(Membership Value, string Label)> Memberships =
        new[] { Membership.Inec, Membership.ObsAR, Membership.LesCanauxGovernance, Membership.LesCanauxBuyersCommunity }
            .Select(membership => (membership, EligibilityRules.Describe(membership))).ToList();
}

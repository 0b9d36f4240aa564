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

    /// <summary>Each status as a heading or a table cell says it: the participant's messages' words, capitalised.</summary>
    public static readonly IReadOnlyList<(EnrolmentStatus Value, string Label)> Statuses =
        Enum.GetValues<EnrolmentStatus>().Select(status => (status, Capitalised(EnrolmentMessages.Describe(status)))).ToList();

    public static readonly IReadOnlyList<(EligibilityOutcome Value, string Label)> Eligibilities =
    [
        (EligibilityOutcome.Free, "Participation gratuite"),
        (EligibilityOutcome.AwaitingAttestation, "En attente d'attestation"),
        (EligibilityOutcome.MembershipRequired, "Adhésion nécessaire"),
    ];

    public const string EligibilityNotAssessed = "Non évaluée";

    public static string Of(Profile profile) => Profiles.First(entry => entry.Value == profile).Label;

    public static string Of(OrganisationKind kind) => OrganisationKinds.First(entry => entry.Value == kind).Label;

    public static string Of(EnrolmentStatus status) => Statuses.First(entry => entry.Value == status).Label;

    public static string Of(EligibilityOutcome? outcome) =>
        outcome is { } known ? Eligibilities.First(entry => entry.Value == known).Label : EligibilityNotAssessed;

    private static string Capitalised(string text) => string.Concat(char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture).ToString(), text[1..]);

    public static readonly IReadOnlyList<(Membership Value, string Label)> Memberships =
        new[] { Membership.Inec, Membership.ObsAR, Membership.LesCanauxGovernance, Membership.LesCanauxBuyersCommunity }
            .Select(membership => (membership, EligibilityRules.Describe(membership))).ToList();
}

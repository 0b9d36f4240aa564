using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Eligibility;

/// <summary>One vocabulary for the organising structures and the memberships they attest, in French that agrees.</summary>
public sealed class StructureWordsTests
{
    [Fact]
    public void The_structures_keep_the_names_stored_in_documents_claims_and_actors() =>
        Enum.GetNames<OrganisingStructure>().ShouldBe(["Mgp", "Inec", "ObsAR", "LesCanaux"]);

    [Fact]
    public void Every_partner_attests_a_membership_and_the_Metropole_none()
    {
        Enum.GetValues<Membership>().Select(EligibilityRules.AttestedBy).Distinct().ShouldBe(OrganisingStructures.Partners, ignoreOrder: true);
        OrganisingStructure.Mgp.IsPartner().ShouldBeFalse();
    }

    [Fact]
    public void The_form_offers_each_membership_under_the_label_the_reasons_quote() =>
        FrenchLabels.Memberships.ShouldAllBe(choice => choice.Label == EligibilityRules.Describe(choice.Value));

    [Fact]
    public void An_awaited_attestation_of_Les_Canaux_reads_in_French()
    {
        var decision = EligibilityRules.Decide(new EligibilityFacts(
            OrganisationKind.AssociationOrSocialEnterprise, null, new HashSet<Membership> { Membership.LesCanauxGovernance }, new HashSet<Membership>()));

        decision.Reasons.ShouldBe(["Membre des instances de gouvernance des Canaux : en attente de l'attestation des Canaux."]);
    }
}

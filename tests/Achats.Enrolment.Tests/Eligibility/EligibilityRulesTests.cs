using Achats.Enrolment.Eligibility;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Eligibility;

/// <summary>Who takes part for free: given the organisation's facts, then the decision.</summary>
public sealed class EligibilityRulesTests
{
    private static EligibilityDecision Decide(
        OrganisationKind kind, string? insee = null, Membership[]? declared = null, Membership[]? attested = null) =>
        EligibilityRules.Decide(new EligibilityFacts(kind, insee, (declared ?? []).ToHashSet(), (attested ?? []).ToHashSet()));

    [Theory]
    [InlineData(OrganisationKind.CommuneEptOrMetropole, "93066")] // Saint-Denis
    [InlineData(OrganisationKind.CommuneEptOrMetropole, "75056")] // Paris, seat of the Métropole
    [InlineData(OrganisationKind.OtherPublicBody, "91027")] // a public body in Athis-Mons
    public void A_public_body_of_the_MGP_territory_is_free_under_a(OrganisationKind kind, string insee)
    {
        var decision = Decide(kind, insee);

        decision.Outcome.ShouldBe(EligibilityOutcome.Free);
        decision.Grounds.ShouldBe([FreeGround.MetropolitanPublicBody]);
        decision.Reasons.Single().ShouldContain(insee);
        decision.RulesVersion.ShouldBe(EligibilityRules.Version);
    }

    [Theory]
    [InlineData(OrganisationKind.CommuneEptOrMetropole, "78646")] // Versailles: a commune, but not of the MGP
    [InlineData(OrganisationKind.PrivateCompany, "92012")] // a company of Boulogne: not a public body
    [InlineData(OrganisationKind.AssociationOrSocialEnterprise, "93066")]
    public void Neither_a_public_body_of_the_territory_nor_a_member_needs_a_membership_and_is_told_where_to_get_one(OrganisationKind kind, string insee)
    {
        var decision = Decide(kind, insee);

        decision.Outcome.ShouldBe(EligibilityOutcome.MembershipRequired);
        decision.Reasons.Single().ShouldContain("ObsAR");
        decision.Reasons.Single().ShouldContain("INEC");
    }

    [Theory]
    [InlineData(Membership.LesCanauxGovernance, FreeGround.LesCanaux)]
    [InlineData(Membership.LesCanauxBuyersCommunity, FreeGround.LesCanaux)]
    [InlineData(Membership.Inec, FreeGround.Inec)]
    [InlineData(Membership.ObsAR, FreeGround.ObsAR)]
    public void A_membership_attested_by_its_partner_is_free_under_b_c_or_d(Membership membership, FreeGround ground)
    {
        var decision = Decide(OrganisationKind.PrivateCompany, declared: [membership], attested: [membership]);

        decision.Outcome.ShouldBe(EligibilityOutcome.Free);
        decision.Grounds.ShouldBe([ground]);
        decision.Reasons.Single().ShouldContain("attestée");
    }

    [Fact]
    public void A_declared_membership_not_yet_attested_awaits_that_partner()
    {
        var decision = Decide(OrganisationKind.PrivateCompany, declared: [Membership.ObsAR, Membership.Inec]);

        decision.Outcome.ShouldBe(EligibilityOutcome.AwaitingAttestation);
        decision.AwaitingFrom.ShouldBe([Membership.Inec, Membership.ObsAR]);
        decision.Reasons.ShouldBe([
            "Membre de l'INEC : en attente de l'attestation de l'INEC.",
            "Membre de l'ObsAR : en attente de l'attestation de l'ObsAR.",
        ]);
    }

    [Fact]
    public void One_membership_attested_and_another_pending_is_free_on_the_attested_one()
    {
        var decision = Decide(OrganisationKind.PrivateCompany, declared: [Membership.ObsAR, Membership.Inec], attested: [Membership.Inec]);

        decision.Outcome.ShouldBe(EligibilityOutcome.Free);
        decision.Grounds.ShouldBe([FreeGround.Inec]);
    }

    [Fact]
    public void A_membership_attested_without_being_declared_counts_on_the_partner_s_word()
    {
        Decide(OrganisationKind.Other, attested: [Membership.ObsAR]).Grounds.ShouldBe([FreeGround.ObsAR]);
    }

    [Fact]
    public void A_metropolitan_public_body_that_is_also_a_member_has_every_ground_recorded()
    {
        var decision = Decide(OrganisationKind.CommuneEptOrMetropole, "94081", attested: [Membership.LesCanauxBuyersCommunity]);

        decision.Grounds.ShouldBe([FreeGround.MetropolitanPublicBody, FreeGround.LesCanaux]);
        decision.Reasons.Count.ShouldBe(2);
    }
}

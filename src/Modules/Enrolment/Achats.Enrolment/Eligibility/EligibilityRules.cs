using Achats.Shared.Access;

namespace Achats.Enrolment.Eligibility;

/// <summary>What kind of organisation an enrolment comes from, as the pre-registration form asks.</summary>
public enum OrganisationKind
{
    /// <summary>A commune, an EPT or the Métropole itself.</summary>
    CommuneEptOrMetropole,

    /// <summary>Another public body subject to public procurement.</summary>
    OtherPublicBody,

    PrivateCompany,

    /// <summary>An association or a social enterprise.</summary>
    AssociationOrSocialEnterprise,

    Other,
}

/// <summary>A membership that grants free participation, attested by the partner that knows it.</summary>
public enum Membership
{
    LesCanauxGovernance,
    LesCanauxBuyersCommunity,
    Inec,
    ObsAR,
}

/// <summary>Why a participation is free: the (a)–(d) of the programme's rules.</summary>
public enum FreeGround
{
    /// <summary>(a) a public body of the MGP territory, the Métropole itself or an EPT.</summary>
    MetropolitanPublicBody,

    /// <summary>(b) Les Canaux's governance bodies or community of solidarity buyers.</summary>
    LesCanaux,

    /// <summary>(c) a member of INEC.</summary>
    Inec,

    /// <summary>(d) a member of ObsAR.</summary>
    ObsAR,
}

public enum EligibilityOutcome
{
    Free,
    AwaitingAttestation,
    MembershipRequired,
}

/// <summary>The facts eligibility is decided on.</summary>
public sealed record EligibilityFacts(
    OrganisationKind Kind,
    string? CommuneInseeCode,
    IReadOnlySet<Membership> Declared,
    IReadOnlySet<Membership> Attested);

/// <summary>A decision with its grounds, its reasons in French and the version of the rules that made it.</summary>
public sealed record EligibilityDecision(
    EligibilityOutcome Outcome,
    IReadOnlyList<FreeGround> Grounds,
    IReadOnlyList<Membership> AwaitingFrom,
    IReadOnlyList<string> Reasons,
    string RulesVersion);

/// <summary>Who takes part for free (DOMAIN.md, "Who takes part for free"): a pure decision, no I/O.</summary>
internal static class EligibilityRules
{
    /// <summary>Bumped whenever a rule changes, so that every recorded decision says which rules made it.</summary>
    public const string Version = "2026-11-28";

    public static EligibilityDecision Decide(EligibilityFacts facts)
    {
        List<FreeGround> grounds = [];
        List<string> reasons = [];

        if (facts.Kind is OrganisationKind.CommuneEptOrMetropole or OrganisationKind.OtherPublicBody
            && facts.CommuneInseeCode is { } insee && MgpTerritory.Contains(insee))
        {
            grounds.Add(FreeGround.MetropolitanPublicBody);
            reasons.Add($"Structure publique du territoire de la Métropole du Grand Paris (commune INSEE {insee}).");
        }

        foreach (var membership in facts.Attested.Order())
        {
            var ground = GroundOf(membership);
            if (!grounds.Contains(ground))
            {
                grounds.Add(ground);
            }

            reasons.Add($"{Describe(membership)} : adhésion attestée {AttestedBy(membership).By()}.");
        }

        if (grounds.Count > 0)
        {
            return new EligibilityDecision(EligibilityOutcome.Free, grounds, [], reasons, Version);
        }

        var awaiting = facts.Declared.Except(facts.Attested).Order().ToList();
        if (awaiting.Count > 0)
        {
            return new EligibilityDecision(EligibilityOutcome.AwaitingAttestation, [], awaiting,
                awaiting.Select(membership => $"{Describe(membership)} : en attente de l'attestation {AttestedBy(membership).Of()}.").ToList(),
                Version);
        }

        return new EligibilityDecision(EligibilityOutcome.MembershipRequired, [], [],
            [$"Aucun motif de gratuité : la structure peut adhérer à l'{OrganisingStructure.ObsAR.Name()} " +
             $"ou à l'{OrganisingStructure.Inec.Name()} pour participer gratuitement."],
            Version);
    }

    private static FreeGround GroundOf(Membership membership) => membership switch
    {
        Membership.LesCanauxGovernance or Membership.LesCanauxBuyersCommunity => FreeGround.LesCanaux,
        Membership.Inec => FreeGround.Inec,
        _ => FreeGround.ObsAR,
    };

    /// <summary>The partner that knows each membership, and so the only one that may attest it.</summary>
    public static OrganisingStructure AttestedBy(Membership membership) => membership switch
    {
        Membership.LesCanauxGovernance or Membership.LesCanauxBuyersCommunity => OrganisingStructure.LesCanaux,
        Membership.Inec => OrganisingStructure.Inec,
        _ => OrganisingStructure.ObsAR,
    };

    /// <summary>The one French label of each membership: the form offers it, the reasons quote it.</summary>
    public static string Describe(Membership membership) => membership switch
    {
        Membership.LesCanauxGovernance => $"Membre des instances de gouvernance {OrganisingStructure.LesCanaux.Of()}",
        Membership.LesCanauxBuyersCommunity => $"Membre de la communauté des acheteurs solidaires {OrganisingStructure.LesCanaux.Of()}",
        Membership.Inec => $"Membre {OrganisingStructure.Inec.Of()}",
        _ => $"Membre {OrganisingStructure.ObsAR.Of()}",
    };
}

using System.Security.Claims;
using System.Text.Json.Serialization;
using Achats.Enrolment.Eligibility;
using Achats.Shared.Access;
using Achats.Shared.France;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Memberships;

/// <summary>
/// A partner attests that an organisation is its member. INEC and ObsAR attest their own membership;
/// Les Canaux says which: its governance bodies or its community of solidarity buyers. Attesting again
/// updates the dates. Every enrolment of the organisation is then re-assessed.
/// </summary>
public sealed record AttestMembership(string Siren, Membership? Membership, DateOnly? Since, DateOnly? Until)
{
    /// <summary>The partner whose key made the call, never taken from the body.</summary>
    [JsonIgnore]
    public OrganisingStructure Partner { get; init; }

    public Membership? MembershipAttested => Membership ?? Partner switch
    {
        OrganisingStructure.Inec => Eligibility.Membership.Inec,
        OrganisingStructure.ObsAR => Eligibility.Membership.ObsAR,
        _ => null,
    };
}

internal sealed class AttestMembershipValidator : AbstractValidator<AttestMembership>
{
    public AttestMembershipValidator()
    {
        RuleFor(command => command.Siren).NotEmpty().WithMessage("Le SIREN est obligatoire.")
            .Must(Siren.IsValid).WithMessage("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        RuleFor(command => command.Membership).IsInEnum().WithMessage("Adhésion inconnue.");
        RuleFor(command => command.MembershipAttested).NotNull().OverridePropertyName(nameof(AttestMembership.Membership))
            .WithMessage("Précisez l'adhésion attestée : LesCanauxGovernance ou LesCanauxBuyersCommunity.");
        RuleFor(command => command.Since).NotNull().WithMessage("La date de début d'adhésion est obligatoire.");
        RuleFor(command => command.Until).GreaterThanOrEqualTo(command => command.Since)
            .When(command => command.Until is not null && command.Since is not null)
            .WithMessage("La fin de l'adhésion ne peut précéder son début.");
    }
}

public static class AttestMembershipHandler
{
    public static async Task<(MembershipAttestation, ReassessEligibility)> Handle(
        AttestMembership command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var membership = command.MembershipAttested!.Value;
        if (EligibilityRules.AttestedBy(membership) != command.Partner)
        {
            // The request is well formed: this partner is simply not allowed to speak for another.
            throw new ForbiddenException("Un partenaire n'atteste que l'adhésion à sa propre structure.");
        }

        var id = MembershipAttestation.IdOf(membership, command.Siren);
        var previous = await session.LoadAsync<MembershipAttestation>(id, cancellationToken);
        var attestation = new MembershipAttestation(id, command.Partner, membership, command.Siren, command.Since!.Value, command.Until,
            previous?.AttestedAt ?? time.GetUtcNow(), WithdrawnAt: null);
        session.Store(attestation);
        var since = FrenchDates.Short(command.Since!.Value);
        var period = command.Until is { } until ? $"du {since} au {FrenchDates.Short(until)}" : $"depuis le {since}";
        return (attestation, new ReassessEligibility(command.Siren,
            $"{EligibilityRules.Describe(membership)} : adhésion attestée {EligibilityRules.AttestedBy(membership).By()} ({period})."));
    }
}

internal static class AttestMembershipEndpoint
{
    public static RouteHandlerBuilder MapAttestMembership(this IEndpointRouteBuilder partners) =>
        partners.MapPost("/memberships", async (AttestMembership command, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<MembershipAttestation>(command with { Partner = MembershipAttestations.PartnerOf(user) }, cancellationToken)))
            .RequireAuthorization(Policies.PartnerAttestsMemberships)
            .WithName(nameof(AttestMembership))
            .WithSummary("Attester l'adhésion d'une structure")
            .WithDescription("Par SIREN, avec ses dates. Toutes les inscriptions de la structure sont réévaluées.")
            .ProducesValidationProblem();
}

using System.Security.Claims;
using System.Text.Json.Serialization;
using Achats.Enrolment.Eligibility;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Memberships;

/// <summary>A partner withdraws its attestations for an organisation (all of them, or one membership); the record stays, dated.</summary>
public sealed record WithdrawMembership(string Siren, Membership? Membership)
{
    [JsonIgnore]
    public OrganisingStructure Partner { get; init; }
}

public static class WithdrawMembershipHandler
{
    public static async Task<ReassessEligibility> Handle(
        WithdrawMembership command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInParis();
        var withdrawn = (await session.Query<MembershipAttestation>()
                .Where(attestation => attestation.Siren == command.Siren && attestation.Partner == command.Partner)
                .ToListAsync(cancellationToken))
            .Where(attestation => attestation.WithdrawnAt is null && (command.Membership is null || attestation.Membership == command.Membership))
            .Select(attestation => attestation with
            {
                WithdrawnAt = time.GetUtcNow(),
                Until = attestation.Until is { } until && until < today ? until : today,
            })
            .ToList();
        if (withdrawn.Count == 0)
        {
            throw new NotFoundException($"Aucune adhésion attestée {command.Partner.By()} pour le SIREN {command.Siren}.");
        }

        session.Store(withdrawn.ToArray());
        return new ReassessEligibility(command.Siren, string.Join(" ", withdrawn.Select(attestation =>
            $"{EligibilityRules.Describe(attestation.Membership)} : attestation retirée {EligibilityRules.AttestedBy(attestation.Membership).By()}.")));
    }
}

internal static class WithdrawMembershipEndpoint
{
    public static RouteHandlerBuilder MapWithdrawMembership(this IEndpointRouteBuilder partners) =>
        partners.MapDelete("/memberships/{siren}", async (
                string siren, Membership? membership, ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                await bus.InvokeAsync(new WithdrawMembership(siren, membership) { Partner = MembershipAttestations.PartnerOf(user) }, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.PartnerAttestsMemberships)
            .WithName(nameof(WithdrawMembership))
            .WithSummary("Retirer l'attestation d'adhésion d'une structure")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

using System.Security.Claims;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Memberships;

/// <summary>A partner's own attestations, withdrawn ones included, by SIREN.</summary>
public sealed record ListAttestations(OrganisingStructure Partner);

public static class ListAttestationsHandler
{
    public static async Task<IReadOnlyList<MembershipAttestation>> Handle(
        ListAttestations query, IQuerySession session, CancellationToken cancellationToken) =>
        await session.Query<MembershipAttestation>()
            .Where(attestation => attestation.Partner == query.Partner)
            .OrderBy(attestation => attestation.Siren)
            .ThenBy(attestation => attestation.Membership)
            .ToListAsync(cancellationToken);
}

internal static class ListAttestationsEndpoint
{
    public static RouteHandlerBuilder MapListAttestations(this IEndpointRouteBuilder partners) =>
        partners.MapGet("/memberships", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<MembershipAttestation>>(new ListAttestations(MembershipAttestations.PartnerOf(user)), cancellationToken)))
            .RequireAuthorization(Policies.PartnerReadsAttestations)
            .WithName(nameof(ListAttestations))
            .WithSummary("Lister mes attestations d'adhésion");
}

using Achats.Shared.Access;
using Marten;

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

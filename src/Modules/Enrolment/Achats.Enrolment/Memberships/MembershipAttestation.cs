using System.Security.Claims;
using Achats.Enrolment.Eligibility;
using Achats.Shared.Access;
using Marten;

namespace Achats.Enrolment.Memberships;

/// <summary>
/// A partner's word that an organisation (by SIREN) is its member, from <see cref="Since"/> and, when
/// known, until <see cref="Until"/>. Withdrawing keeps the record and dates its end.
/// </summary>
public sealed record MembershipAttestation(
    string Id,
    OrganisingStructure Partner,
    Membership Membership,
    string Siren,
    DateOnly Since,
    DateOnly? Until,
    DateTimeOffset AttestedAt,
    DateTimeOffset? WithdrawnAt)
{
    public static string IdOf(Membership membership, string siren) => $"{membership}:{siren}";

    /// <summary>Holds on <paramref name="today"/>: begun, not withdrawn and not past its end date.</summary>
    public bool HoldsOn(DateOnly today) => WithdrawnAt is null && Since <= today && (Until is null || Until >= today);
}

internal static class MembershipAttestations
{
    /// <summary>The memberships of an organisation that its partners attest today.</summary>
    public static async Task<IReadOnlyList<Membership>> AttestedAsync(
        this IQuerySession session, string? siren, DateOnly today, CancellationToken cancellationToken)
    {
        if (siren is null)
        {
            return [];
        }

        var attestations = await session.Query<MembershipAttestation>()
            .Where(attestation => attestation.Siren == siren)
            .ToListAsync(cancellationToken);
        return attestations.Where(attestation => attestation.HoldsOn(today))
            .Select(attestation => attestation.Membership)
            .Order()
            .ToList();
    }

    /// <summary>The partner organisation whose API key signed the request.</summary>
    public static OrganisingStructure PartnerOf(ClaimsPrincipal user) => Enum.Parse<OrganisingStructure>(user.FindFirstValue(AccessClaims.Partner)!);
}

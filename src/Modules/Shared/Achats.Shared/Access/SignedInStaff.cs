using System.Security.Claims;

namespace Achats.Shared.Access;

/// <summary>Who a page is shown to, in the words a page uses: their name, their role and their structure in French.</summary>
public sealed record SignedInStaff(string Name, string Role, string? Structure)
{
    /// <summary>The staff member signed in on this request; none for an anonymous caller, a partner's key or a participant's session.</summary>
    public static SignedInStaff? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity
            || user.HasClaim(claim => claim.Type is AccessClaims.Partner or ParticipantSession.EmailClaim))
        {
            return null;
        }

        if (StaffRole.All.FirstOrDefault(user.IsInRole) is not { } role)
        {
            return null;
        }

        var structure = Enum.TryParse<OrganisingStructure>(user.FindFirst(AccessClaims.Organisation)?.Value, out var known) && Enum.IsDefined(known)
            ? known.Name()
            : null;
        return new SignedInStaff(identity.Name ?? "", StaffRole.Name(role), structure);
    }
}

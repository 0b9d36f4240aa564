using System.Security.Claims;

namespace Achats.Shared.Access;

/// <summary>
/// Who acted: a staff member (with role and organising structure), a partner (by its key), a participant
/// (by their signed link), or the system itself. Recorded on every event as Marten's user name, in the
/// form <c>kind:id:role:organisation</c>, so an auditor can replay who did what.
/// </summary>
public sealed record Actor(string Kind, string Id, string? Role, string? Organisation)
{
    public const string Staff = "staff";
    public const string PartnerKind = "partner";
    public const string Participant = "participant";
    public const string SystemKind = "system";

    public static readonly Actor System = new(SystemKind, "achats", null, null);

    /// <summary>The actor an authenticated caller is, or <see cref="System"/> for nobody in particular.</summary>
    public static Actor Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return System;
        }

        return user.FindFirstValue(AccessClaims.Partner) is { } partner
            ? new Actor(PartnerKind, id, null, partner)
            : new Actor(Staff, id, user.FindFirstValue(ClaimTypes.Role), user.FindFirstValue(AccessClaims.Organisation));
    }

    /// <summary>A participant acting through their personal link, known by their enrolment.</summary>
    public static Actor ParticipantOf(Guid enrolmentId) => new(Participant, enrolmentId.ToString(), null, null);

    /// <summary>Reads back what <see cref="ToString"/> wrote.</summary>
    public static Actor Parse(string recorded)
    {
        var parts = recorded.Split(':');
        return parts.Length == 4
            ? new Actor(parts[0], parts[1], NullIfEmpty(parts[2]), NullIfEmpty(parts[3]))
            : throw new FormatException($"Not an actor: {recorded}");
    }

    public override string ToString() => $"{Kind}:{Id}:{Role}:{Organisation}";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

using System.Security.Claims;

namespace Achats.Shared.Access;

/// <summary>
/// Who acted: a staff member (with role and organising structure), a partner (by its key), a participant
/// (by their signed link), or the system itself. Recorded on every event as Marten's user name, in the
/// form <c>kind:id:role:organisation:name</c>, so an auditor can replay who did what: the name is the one the
/// person had then (earlier events have no name part).
/// </summary>
public sealed record Actor(string Kind, string Id, string? Role, string? Organisation, string? Name = null)
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
            : new Actor(Staff, id, user.FindFirstValue(ClaimTypes.Role), user.FindFirstValue(AccessClaims.Organisation), user.FindFirstValue(ClaimTypes.Name));
    }

    /// <summary>A participant acting through their personal link, known by their enrolment.</summary>
    public static Actor ParticipantOf(Guid enrolmentId) => new(Participant, enrolmentId.ToString(), null, null);

    /// <summary>Reads back what <see cref="ToString"/> wrote.</summary>
    public static Actor Parse(string recorded)
    {
        // The name comes last and may hold a colon of its own.
        var parts = recorded.Split(':', 5);
        return parts.Length >= 4
            ? new Actor(parts[0], parts[1], NullIfEmpty(parts[2]), NullIfEmpty(parts[3]), parts.Length == 5 ? NullIfEmpty(parts[4]) : null)
            : throw new FormatException($"Not an actor: {recorded}");
    }

    public override string ToString() => Name is null ? $"{Kind}:{Id}:{Role}:{Organisation}" : $"{Kind}:{Id}:{Role}:{Organisation}:{Name}";

    /// <summary>Who acted, in French: « Alice Martin (Équipe du programme, Métropole du Grand Paris (MGP)) », « ObsAR (partenaire) ».</summary>
    public static string Describe(string? recorded)
    {
        if (recorded is null)
        {
            return RoleTexts.System;
        }

        var actor = Parse(recorded);
        var structure = Enum.TryParse<OrganisingStructure>(actor.Organisation, out var known) && Enum.IsDefined(known) ? known.Name() : actor.Organisation;
        return actor.Kind switch
        {
            Staff => Qualified(actor.Name ?? RoleTexts.StaffMember,
                actor.Role is null ? null : RoleTexts.ResourceManager.GetString(actor.Role, RoleTexts.Culture), structure),
            PartnerKind => string.Format(RoleTexts.Culture, RoleTexts.Partner, structure),
            Participant => RoleTexts.Participant,
            _ => RoleTexts.System,
        };
    }

    private static string Qualified(string who, params string?[] qualities) =>
        qualities.Where(quality => !string.IsNullOrEmpty(quality)).ToList() is { Count: > 0 } known ? $"{who} ({string.Join(", ", known)})" : who;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

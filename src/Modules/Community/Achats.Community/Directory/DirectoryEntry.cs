using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Achats.Shared.Replay;

namespace Achats.Community.Directory;

/// <summary>
/// A member's entry in their space's directory (ADR 0055): whether they chose to be listed, the role they wrote, the
/// project category they chose, and their binôme as Enrolment last said. A stream per enrolment, kept inline as a
/// document; who is still a member is the space's to say, at each read.
/// </summary>
[ReplayedAs("fiche d'annuaire", "fiches d'annuaire")]
public sealed record DirectoryEntry
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid EnrolmentId { get; init; }

    /// <summary>Listed only once the member opted in; unchecked by default.</summary>
    public bool Listed { get; init; }

    public string? Role { get; init; }

    public PurchaseCategory? Category { get; init; }

    /// <summary>The binôme Enrolment paired them with, if any (shown only while both are members and listed).</summary>
    public Guid? PartnerEnrolmentId { get; init; }

    /// <summary>The entry's stream and document id: its own, derived from the enrolment's.</summary>
    public static Guid IdOf(Guid enrolmentId) => StreamIds.Derive("community.directory", enrolmentId);

    public DirectoryEntry Apply(DirectoryEntryChanged changed) => this with
    {
        EnrolmentId = changed.EnrolmentId, Listed = changed.Listed, Role = changed.Role, Category = changed.Category,
    };

    public DirectoryEntry Apply(PartnerKept kept) => this with { EnrolmentId = kept.EnrolmentId, PartnerEnrolmentId = kept.PartnerEnrolmentId };

    public DirectoryEntry Apply(PartnerDropped dropped) => this with { EnrolmentId = dropped.EnrolmentId, PartnerEnrolmentId = null };
}

/// <summary>The member changed their entry: listed or not, with the role and category shown when listed.</summary>
public sealed record DirectoryEntryChanged(Guid EnrolmentId, bool Listed, string? Role, PurchaseCategory? Category, DateTimeOffset ChangedAt);

/// <summary>Enrolment paired the member with <paramref name="PartnerEnrolmentId"/> (enrolment.pair-declared.v1).</summary>
public sealed record PartnerKept(Guid EnrolmentId, Guid PartnerEnrolmentId);

/// <summary>Enrolment undid the member's pair (enrolment.pair-dissolved.v1).</summary>
public sealed record PartnerDropped(Guid EnrolmentId, Guid PartnerEnrolmentId);

namespace Achats.Cohorts.Roster;

/// <summary>
/// One admitted participant on a cohort's roster, kept from Enrolment's events. Admission is to the whole
/// cohort: there is no roster per session. A member who leaves stays here, with when and why, so past
/// attendance still has its names.
/// </summary>
public sealed record RosterMember(
    Guid Id,
    Guid CohortId,
    string FirstName,
    string LastName,
    string Email,
    string Profile,
    string OrganisationName,
    string OrganisationKind,
    string? Siren,
    Sector Sector,
    DateTimeOffset JoinedAt)
{
    /// <summary>Their binôme, when the colleague is on the roster too.</summary>
    public Guid? PairedWith { get; init; }

    public DateTimeOffset? LeftAt { get; init; }

    public string? LeftReason { get; init; }

    public bool IsMember => LeftAt is null;

    public string Name => $"{FirstName} {LastName}";

    /// <summary>On the roster at some moment of [start, end): joined before it ended, not gone before it began.</summary>
    public bool WasMemberDuring(DateTimeOffset start, DateTimeOffset end) => JoinedAt < end && (LeftAt is null || LeftAt > start);

    /// <summary>
    /// Public or private buyer, for mixing working groups: public bodies and the people who buy or decide for
    /// one (public buyers, elected officials) are public; everyone else private.
    /// </summary>
    public static Sector SectorOf(string organisationKind, string profile) =>
        organisationKind is "CommuneEptOrMetropole" or "OtherPublicBody" || profile is "PublicBuyer" or "ElectedOfficial"
            ? Sector.Public
            : Sector.Private;
}

public enum Sector
{
    Public,
    Private,
}

internal static class SectorLabels
{
    public static string Of(Sector sector) => sector == Sector.Public ? "Public" : "Privé";
}

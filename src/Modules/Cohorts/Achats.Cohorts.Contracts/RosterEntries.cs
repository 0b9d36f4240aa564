namespace Achats.Cohorts.Contracts;

/// <summary>Every participant the cohort's roster holds, members and former members, as stored (the auditor's replay compares it with Enrolment's events).</summary>
public sealed record GetRosterEntries(Guid CohortId)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.get-roster-entries.v1";
}

/// <summary>The answer to <see cref="GetRosterEntries"/>.</summary>
public sealed record RosterEntries(IReadOnlyList<RosterEntry> Entries)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.roster-entries.v1";
}

/// <summary>
/// One participant on the roster as Enrolment's admission stated them; <paramref name="Left"/> and
/// <paramref name="LeftReason"/> once withdrawn (the instant is the clock's at withdrawal, not an event's field).
/// </summary>
public sealed record RosterEntry(
    Guid EnrolmentId,
    string FirstName,
    string LastName,
    string Email,
    string Profile,
    string OrganisationName,
    string OrganisationKind,
    string? Siren,
    Guid? PairedWith,
    DateTimeOffset JoinedAt,
    bool Left,
    string? LeftReason)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.roster-entry.v1";
}

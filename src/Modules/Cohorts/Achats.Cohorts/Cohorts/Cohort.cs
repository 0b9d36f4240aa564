using Achats.Cohorts.Sessions;
using Achats.Shared.Http;
using Achats.Shared.Replay;
using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Cohorts.Cohorts;

/// <summary>
/// A cohort (édition) as its events tell it: its dates, its life, its sequences and sessions. Kept inline as
/// a document too, so staff read what they just wrote. The session overlap rule needs every session of the
/// cohort, so the cohort is the stream that schedules them.
/// </summary>
[ReplayedAs("édition", "éditions", "Name")]
public sealed record Cohort(
    Guid Id,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn)
{
    public int Version { get; set; }

    /// <summary>Planned until staff launch it, then launched, then closed. Registration phases follow the dates.</summary>
    public CohortPhase Phase { get; init; } = CohortPhase.Planned;

    public DateTimeOffset? LaunchedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public IReadOnlyList<CohortDatesChanged> DateChanges { get; init; } = [];

    /// <summary>The address of the LinkedIn group open to everyone engaged on these topics, if staff gave one.</summary>
    public string? LinkedInGroup { get; init; }

    /// <summary>In the order staff gave them.</summary>
    public IReadOnlyList<Sequence> Sequences { get; init; } = [];

    public IReadOnlyList<Session> Sessions { get; init; } = [];

    public static Cohort Create(CohortPlanned planned) => new(
        planned.CohortId,
        planned.Name,
        planned.RegistrationOpensOn,
        planned.RegistrationClosesOn,
        planned.StartsOn,
        planned.EndsOn);

    public Cohort Apply(CohortDatesChanged changed) => this with
    {
        RegistrationOpensOn = changed.RegistrationOpensOn,
        RegistrationClosesOn = changed.RegistrationClosesOn,
        StartsOn = changed.StartsOn,
        EndsOn = changed.EndsOn,
        DateChanges = [.. DateChanges, changed],
    };

    public Cohort Apply(LinkedInGroupChanged changed) => this with { LinkedInGroup = changed.Url };

    public Cohort Apply(CohortLaunched launched) => this with { Phase = CohortPhase.Launched, LaunchedAt = launched.LaunchedAt };

    public Cohort Apply(CohortClosed closed) => this with { Phase = CohortPhase.Closed, ClosedAt = closed.ClosedAt };

    public Cohort Apply(SequenceAdded added) => this with { Sequences = [.. Sequences, new Sequence(added.SequenceId, added.Title)] };

    public Cohort Apply(SequenceRenamed renamed) => this with
    {
        Sequences = Sequences.Select(sequence => sequence.Id == renamed.SequenceId ? sequence with { Title = renamed.Title } : sequence).ToList(),
    };

    public Cohort Apply(SequencesReordered reordered) => this with
    {
        Sequences = reordered.Order.Select(id => Sequences.Single(sequence => sequence.Id == id)).ToList(),
    };

    public Cohort Apply(SessionScheduled scheduled) => this with
    {
        Sessions = [.. Sessions, new Session(scheduled.SessionId, scheduled.SequenceId, scheduled.Details)],
    };

    public Cohort Apply(SessionChanged changed) => this with
    {
        Sessions = Sessions.Select(session => session.Id == changed.SessionId
            ? session with { SequenceId = changed.SequenceId, Details = changed.Details }
            : session).ToList(),
    };

    public Cohort Apply(SessionCancelled cancelled) => this with
    {
        Sessions = Sessions.Select(session => session.Id == cancelled.SessionId
            ? session with { CancellationReason = cancelled.Reason }
            : session).ToList(),
    };

    /// <summary>Where the cohort stands on a Paris date: launch and closure are acts, the registration phases are dates.</summary>
    public CohortStatus StatusOn(DateOnly today) => Phase switch
    {
        CohortPhase.Closed => CohortStatus.Closed,
        CohortPhase.Launched => CohortStatus.Launched,
        _ when today < RegistrationOpensOn => CohortStatus.Planned,
        _ when today <= RegistrationClosesOn => CohortStatus.RegistrationOpen,
        _ => CohortStatus.RegistrationClosed,
    };

    public Session Session(Guid sessionId) =>
        Sessions.SingleOrDefault(session => session.Id == sessionId)
        ?? throw new NotFoundException("Aucune séance de cette édition ne porte cet identifiant.");

    /// <summary>Sessions that still take place, earliest first.</summary>
    public IEnumerable<Session> HeldSessions => Sessions.Where(session => !session.IsCancelled).OrderBy(session => session.Details.StartsAt);

    /// <summary>A closed cohort's programme is history: it no longer changes.</summary>
    public void EnsureOpenForChanges()
    {
        if (Phase == CohortPhase.Closed)
        {
            throw new RuleViolationException("cohort-closed", "Cette édition est close : son programme ne change plus.");
        }
    }
}

public enum CohortPhase
{
    Planned,
    Launched,
    Closed,
}

/// <summary>planned → registration open → registration closed → launched → closed.</summary>
public enum CohortStatus
{
    Planned,
    RegistrationOpen,
    RegistrationClosed,
    Launched,
    Closed,
}

public sealed record Sequence(Guid Id, string Title);

/// <summary>The cohort a command changes, loaded by Wolverine's aggregate handler workflow: 404 when there is none.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class WriteCohortAttribute : WriteAggregateAttribute
{
    public WriteCohortAttribute()
    {
        OnMissing = OnMissing.ThrowException;
        MissingMessage = CohortStreams.NotFound;
    }
}

/// <summary>Reading a cohort, and what a change to it answers.</summary>
internal static class CohortStreams
{
    public const string NotFound = "Aucune édition ne porte cet identifiant.";

    public static async Task<Cohort> LoadCohortAsync(this IQuerySession session, Guid cohortId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Cohort>(cohortId, cancellationToken) ?? throw new NotFoundException(NotFound);

    /// <summary>The version the cohort will be at once the decided events are committed.</summary>
    public static CohortChanged Changed(this Cohort cohort, IReadOnlyCollection<object> events) =>
        new(cohort.Id, cohort.Version + events.Count);
}

/// <summary>What a change to a cohort answers: the cohort, its new version, and what the change created, if anything.</summary>
public sealed record CohortChanged(Guid CohortId, int Version, Guid? CreatedId = null);

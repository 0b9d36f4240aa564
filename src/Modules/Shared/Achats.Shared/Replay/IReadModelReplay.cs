using Marten;

namespace Achats.Shared.Replay;

/// <summary>
/// A read model that is not a snapshot of one stream (kept from other modules' messages), stated again from the
/// events by the module that can read them, beside what is stored (ADR 0059). The Audit module's replay runs every
/// one registered, and compares each pair field by field as it compares snapshots.
/// </summary>
public interface IReadModelReplay
{
    /// <summary>The French noun for one record and for several (« membre », « membres »).</summary>
    (string Singular, string Plural) Noun { get; }

    Task<IReadOnlyList<ReplayedRecord>> ReplayAsync(IQuerySession session, Guid cohortId, CancellationToken cancellationToken);
}

/// <summary>One record as stored and as the events state it (null on the side that has none); <paramref name="Name"/> is what a person recognises.</summary>
public sealed record ReplayedRecord(string Name, object? Stored, object? Replayed);

using Achats.Audit.Chain;
using Achats.Audit.Contracts;
using Achats.Audit.Replay;
using Achats.Shared.Email;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Erasure;

/// <summary>
/// The one way a person is erased, by staff or by the retention rule (ADR 0061), in the session's transaction: all or
/// nothing. Their events (their enrolments' streams, the streams started for them, and every event naming their
/// enrolment or their email) lose their
/// declared personal fields, and their links their salt, so the data matches the chain's masked digest and
/// <c>audit verify</c> still passes; every other copy in the database is erased in place; the emails kept to or
/// about them are removed; the erasure itself is recorded, without anything personal.
/// </summary>
internal static class PersonErasure
{
    /// <summary>The session's transaction begun, and its connection: the erasures run on it, and Wolverine commits it with the records.</summary>
    public static async Task<NpgsqlConnection> BeginAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        return (NpgsqlConnection)session.Connection!;
    }

    /// <summary>The erasure recorded, or null when <paramref name="enrolmentId"/> names no enrolment.</summary>
    public static async Task<ErasureRecord?> EraseAsync(
        IDocumentSession session, NpgsqlConnection connection, Snapshots snapshots, IEnumerable<ISentEmails> sentEmails, Guid enrolmentId, string reason,
        string erasedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await PersonTraces.ReadAsync(connection, enrolmentId, cancellationToken) is not { } person)
        {
            return null;
        }

        var streams = await MaskEventsAsync(connection, person, cancellationToken);
        await StoredCopies.EraseAsync(connection, person, cancellationToken);

        // The snapshots of those streams folded again from the masked events, as the replay and the rebuild fold them
        // (ADR 0059): what they derive from the names (sort and search keys, a signer's full name) says what the events
        // now say, and the replay finds no difference.
        var folded = await snapshots.FoldAsync(session, await snapshots.StreamsAsync(session, streams, cancellationToken), cancellationToken);
        session.StoreObjects(folded.Select(snapshot => snapshot.Replayed).OfType<object>());
        foreach (var emails in sentEmails)
        {
            await emails.ForgetAsync(text => person.Needles.Any(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase)), cancellationToken);
        }

        var record = new ErasureRecord(Guid.CreateVersion7(), person.EnrolmentIds, reason, erasedBy, now);
        session.Store(record);
        return record;
    }

    /// <summary>
    /// The person's events: their enrolments' streams and every stream started for one of them (a charter signature
    /// file), and every other event naming one of their enrolments or emails (a space's <c>MemberJoined</c>).
    /// </summary>
    private static async Task<IReadOnlySet<Guid>> MaskEventsAsync(NpgsqlConnection connection, PersonTraces person, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            with streams as (
                select stream_id from {EventChain.Events} where version = 1 and data ->> 'EnrolmentId' = any(@ids)
            ), theirs as (
                select seq_id from {EventChain.Events}
                where stream_id = any(@enrolments) or stream_id in (select stream_id from streams)
                   or data ->> 'EnrolmentId' = any(@ids)
                   or exists (select from unnest(@emails) email where strpos(lower(data::text), email) > 0)
            ), masked as (
                update {EventChain.Events} e set data = {EventChain.MaskFunction}(e.type, e.data)
                from theirs where e.seq_id = theirs.seq_id and {EventChain.MaskFunction}(e.type, e.data) is distinct from e.data
            ), unsalted as (
                update {EventChain.Links} l set salt = null from theirs where l.seq_id = theirs.seq_id and l.salt is not null
            )
            select distinct e.stream_id from {EventChain.Events} e join theirs on theirs.seq_id = e.seq_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("enrolments", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = person.EnrolmentIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = person.EnrolmentIds.Select(id => id.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("emails", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = person.Emails.ToArray() });
        var streams = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(reader.GetGuid(0));
        }

        return streams;
    }
}

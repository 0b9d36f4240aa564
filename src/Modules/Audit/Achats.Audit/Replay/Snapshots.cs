using System.Reflection;
using System.Text.Json.Nodes;
using Achats.Shared.Replay;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Replay;

/// <summary>
/// Every module's inline snapshot (<c>Projections.Snapshot&lt;T&gt;(Inline)</c>), found in the store's options: each
/// stream folded again from its events by Marten's own aggregator, beside the document stored (ADR 0059). One way
/// for every snapshot, so a module's new one is replayed and rebuilt with no line here.
/// </summary>
public sealed class Snapshots
{
    private static readonly MethodInfo AggregateMethod = typeof(Snapshots).GetMethod(nameof(AggregateAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly StoreOptions options;
    private readonly Dictionary<string, SnapshotType> byAlias;
    private readonly Dictionary<string, EventMapping> eventTypes;

    public Snapshots(IDocumentStore store)
    {
        options = ((DocumentStore)store).Options;
        byAlias = options.Projections.All
            .Where(projection => projection.Lifecycle == ProjectionLifecycle.Inline)
            .SelectMany(projection => projection.PublishedTypes())
            .Where(type => options.Projections.AllAggregateTypes().Contains(type))
            .Distinct()
            .Select(Describe)
            .ToDictionary(type => type.Alias, StringComparer.Ordinal);
        eventTypes = ((EventGraph)options.Events).AllKnownEventTypes().OfType<EventMapping>()
            .ToDictionary(type => type.EventTypeName, StringComparer.Ordinal);
    }

    public IEnumerable<SnapshotType> Types => byAlias.Values;

    /// <summary>The streams kept as a snapshot (of <paramref name="scope"/> when given), with their snapshot type and event count.</summary>
    public async Task<IReadOnlyList<SnapshotStream>> StreamsAsync(IQuerySession session, IReadOnlySet<Guid>? scope, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select id, type, version from {options.Events.DatabaseSchemaName}.mt_streams
            where type = any(@types) {(scope is null ? "" : "and id = any(@streams)")} order by id
            """);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = byAlias.Keys.ToArray() });
        if (scope is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = scope.ToArray() });
        }

        var streams = new List<SnapshotStream>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(new SnapshotStream(reader.GetGuid(0), byAlias[reader.GetString(1)], reader.GetInt64(2)));
        }

        return streams;
    }

    /// <summary>A batch of streams folded from their events, all read in one query (null for a stream with no event left).</summary>
    public async Task<IReadOnlyList<(SnapshotStream Stream, object? Replayed)>> FoldAsync(
        IQuerySession session, IReadOnlyList<SnapshotStream> streams, CancellationToken cancellationToken)
    {
        var events = await EventsOfAsync(session, streams.Select(stream => stream.Id).ToArray(), cancellationToken);
        var folded = new List<(SnapshotStream, object?)>(streams.Count);
        foreach (var stream in streams)
        {
            var replayed = events.TryGetValue(stream.Id, out var of) ? await stream.Type.Aggregate(of, session, cancellationToken) : null;
            if (replayed is not null)
            {
                // As Marten's own AggregateStreamAsync does: the document's id is its stream's, whatever the events say.
                stream.Type.Identity?.SetValue(replayed, stream.Id);
            }

            folded.Add((stream, replayed));
        }

        return folded;
    }

    /// <summary>
    /// The events of a batch of streams, read with one query and deserialized by the store's serializer into Marten's
    /// own event wrappers, with the metadata a fold may read: what Marten's event query does, without its per-event
    /// overhead (ADR 0059).
    /// </summary>
    private async Task<Dictionary<Guid, IReadOnlyList<IEvent>>> EventsOfAsync(IQuerySession session, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select stream_id, version, seq_id, id, type, "timestamp", user_name, correlation_id, causation_id, data
            from {options.Events.DatabaseSchemaName}.mt_events where stream_id = any(@ids) and is_archived = false
            order by stream_id, version
            """);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
        var serializer = options.Serializer();
        var events = new Dictionary<Guid, IReadOnlyList<IEvent>>();
        List<IEvent>? ofStream = null;
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!eventTypes.TryGetValue(reader.GetString(4), out var mapping))
            {
                continue; // not an event of this application's (Marten's tombstones)
            }

            var recorded = mapping.Wrap(serializer.FromJson(mapping.DocumentType, reader, 9));
            recorded.StreamId = reader.GetGuid(0);
            recorded.Version = reader.GetInt64(1);
            recorded.Sequence = reader.GetInt64(2);
            recorded.Id = reader.GetGuid(3);
            recorded.Timestamp = reader.GetFieldValue<DateTimeOffset>(5);
            recorded.UserName = reader.IsDBNull(6) ? null : reader.GetString(6);
            recorded.CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7);
            recorded.CausationId = reader.IsDBNull(8) ? null : reader.GetString(8);
            if (ofStream is null || ofStream[0].StreamId != recorded.StreamId)
            {
                ofStream = [];
                events[recorded.StreamId] = ofStream;
            }

            ofStream.Add(recorded);
        }

        return events;
    }

    /// <summary>The documents stored for a batch of streams, as their JSON text, by stream.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> StoredAsync(IQuerySession session, IReadOnlyList<SnapshotStream> streams, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<Guid, string>();
        foreach (var ofType in streams.GroupBy(stream => stream.Type))
        {
            await using var command = new NpgsqlCommand($"select id, data::text from {ofType.Key.Table} where id = any(@ids)");
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ofType.Select(stream => stream.Id).ToArray() });
            await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = reader.GetString(1);
            }
        }

        return stored;
    }

    /// <summary>A document as the store writes it, as a JSON tree.</summary>
    public JsonNode? Json(object? document) => Text(document) is { } text ? JsonNode.Parse(text) : null;

    /// <summary>A document as the store writes it.</summary>
    public string? Text(object? document) => document is null ? null : options.Serializer().ToJson(document);

    private SnapshotType Describe(Type type)
    {
        var replayedAs = type.GetCustomAttribute<ReplayedAsAttribute>();
        var document = ((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(type);
        return new SnapshotType(
            type,
            ((EventGraph)options.Events).AggregateAliasFor(type),
            document.TableName.QualifiedName,
            document.IdMember as PropertyInfo,
            replayedAs?.Singular ?? "document",
            replayedAs?.Plural ?? "documents",
            replayedAs?.NameFields ?? [],
            AggregateMethod.MakeGenericMethod(type).CreateDelegate<Func<IReadOnlyList<IEvent>, IQuerySession, CancellationToken, ValueTask<object?>>>());
    }

    private static async ValueTask<object?> AggregateAsync<T>(IReadOnlyList<IEvent> events, IQuerySession session, CancellationToken cancellationToken)
        where T : class =>
        await ((DocumentStore)session.DocumentStore).Options.Projections.AggregatorFor<T>().BuildAsync(events, session, null, cancellationToken);

}

/// <summary>One kind of snapshot: its CLR type, stream alias, table, id property, French nouns and naming fields, and how to fold it.</summary>
public sealed record SnapshotType(
    Type Type,
    string Alias,
    string Table,
    PropertyInfo? Identity,
    string Singular,
    string Plural,
    IReadOnlyList<string> NameFields,
    Func<IReadOnlyList<IEvent>, IQuerySession, CancellationToken, ValueTask<object?>> Aggregate);

/// <summary>A stream kept as a snapshot, with its version (its count of events).</summary>
public sealed record SnapshotStream(Guid Id, SnapshotType Type, long Version);

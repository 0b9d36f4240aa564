using System.Text;
using Achats.Shared.Privacy;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Achats.Audit.Chain;

/// <summary>
/// The hash chain of every event (ADR 0058), kept by the database itself: a trigger on Marten's table of events writes,
/// in the transaction that appends the event, its link in <c>audit.event_chain</c>. Whoever appends (a handler, a
/// rebuild, a hand-written INSERT) gets a link; an event altered afterwards no longer matches it. Sealed heads
/// (<c>audit.seals</c>, <c>audit.sealed_heads</c>, append-only) make a deleted tail visible too.
/// Registered as a storage feature, which Marten creates after the events' tables.
/// </summary>
internal sealed class EventChain(IReadOnlyDictionary<string, IReadOnlyList<string>> personalFields)
    : FeatureSchemaBase("audit_chain", new PostgresqlMigrator())
{
    public const string Schema = AuditModule.Schema;
    public const string Links = Schema + ".event_chain";
    public const string Seals = Schema + ".seals";
    public const string SealedHeads = Schema + ".sealed_heads";
    public const string MaskFunction = Schema + ".mask";
    public const string Events = "events.mt_events";

    private const string ChainFunction = Schema + ".chain_event";
    private const string RefuseFunction = Schema + ".refuse_change";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var links = new Table(new PostgresqlObjectName(Schema, "event_chain", SchemaUtils.IdentifierUsage.General));
        links.AddColumn<long>("seq_id").AsPrimaryKey();
        links.AddColumn<Guid>("stream_id").NotNull();
        links.AddColumn<long>("version").NotNull();
        links.AddColumn("hash", "bytea").NotNull();
        links.AddColumn("masked_digest", "bytea").NotNull();
        links.AddColumn("personal_digest", "bytea");
        links.AddColumn("salt", "bytea");
        links.Indexes.Add(new IndexDefinition("ix_event_chain_stream") { Columns = ["stream_id", "version"] });
        yield return links;

        var seals = new Table(new PostgresqlObjectName(Schema, "seals", SchemaUtils.IdentifierUsage.General));
        seals.AddColumn<long>("id").AsPrimaryKey();
        seals.AddColumn<DateTimeOffset>("sealed_at").NotNull();
        seals.AddColumn<int>("stream_count").NotNull();
        seals.AddColumn<long>("event_count").NotNull();
        seals.AddColumn("root", "bytea").NotNull();
        seals.AddColumn("previous_root", "bytea");
        yield return seals;

        var heads = new Table(new PostgresqlObjectName(Schema, "sealed_heads", SchemaUtils.IdentifierUsage.General));
        heads.AddColumn<long>("seal_id").AsPrimaryKey();
        heads.AddColumn<Guid>("stream_id").AsPrimaryKey();
        heads.AddColumn<long>("version").NotNull();
        heads.AddColumn("hash", "bytea").NotNull();
        yield return heads;

        // Written as PostgreSQL renders them back (pg_get_functiondef, pg_get_triggerdef), so that Weasel sees no change
        // at the next start and the readiness check finds the schema as configured.
        yield return Function.ForSql($"""
            CREATE OR REPLACE FUNCTION {MaskFunction}(event_type character varying, data jsonb)
             RETURNS jsonb
             LANGUAGE plpgsql
             IMMUTABLE
            AS $function$
            DECLARE
                paths text[];
                path text;
            BEGIN
                paths := CASE event_type
            {MaskCases()}
                    ELSE ARRAY[]::text[]
                END;
                FOREACH path IN ARRAY paths LOOP
                    IF jsonb_typeof(data #> string_to_array(path, '.')) = 'string' THEN
                        data := jsonb_set(data, string_to_array(path, '.'), to_jsonb('{PersonalDataAttribute.Erased}'::text));
                    END IF;
                END LOOP;
                RETURN data;
            END;
            $function$;
            """);

        yield return Function.ForSql($"""
            CREATE OR REPLACE FUNCTION {ChainFunction}()
             RETURNS trigger
             LANGUAGE plpgsql
            AS $function$
            DECLARE
                previous bytea;
                masked jsonb;
                masked_digest bytea;
                personal_digest bytea;
                salt bytea;
            BEGIN
                SELECT hash INTO previous FROM {Links} WHERE stream_id = new.stream_id AND version = new.version - 1 ORDER BY seq_id DESC LIMIT 1;
                masked := {MaskFunction}(new.type, new.data);
                masked_digest := sha256(convert_to(masked::text, 'UTF8'));
                IF masked IS DISTINCT FROM new.data THEN
                    salt := uuid_send(gen_random_uuid());
                    personal_digest := sha256(salt || convert_to(new.data::text, 'UTF8'));
                END IF;
                INSERT INTO {Links} (seq_id, stream_id, version, hash, masked_digest, personal_digest, salt)
                VALUES (new.seq_id, new.stream_id, new.version, sha256(convert_to(concat_ws(E'\n',
                    coalesce(encode(previous, 'hex'), ''),
                    new.stream_id::text,
                    new.version::text,
                    coalesce(new.type, ''),
                    coalesce(to_char(new."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''),
                    coalesce(new.correlation_id, ''),
                    coalesce(new.causation_id, ''),
                    coalesce(new.user_name, ''),
                    coalesce(new.headers::text, ''),
                    encode(masked_digest, 'hex'),
                    coalesce(encode(personal_digest, 'hex'), '')), 'UTF8')), masked_digest, personal_digest, salt);
                RETURN NULL;
            END;
            $function$;
            """);

        yield return new Trigger("events.audit_chain_event", Events, $"{ChainFunction}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Insert,
            ForEachRow = true,
        };

        // The seals are append-only: a seal changed or removed would hide a rewritten tail.
        yield return Function.ForSql($"""
            CREATE OR REPLACE FUNCTION {RefuseFunction}()
             RETURNS trigger
             LANGUAGE plpgsql
            AS $function$
            BEGIN
                RAISE EXCEPTION 'Les sceaux de la chaîne d''audit ne se modifient pas et ne se suppriment pas.';
            END;
            $function$;
            """);
        // One trigger per table and statement: PostgreSQL renders « UPDATE OR DELETE » back in its own order, which Weasel
        // would take for a change at every start.
        foreach (var table in new[] { "seals", "sealed_heads" })
        {
            foreach (var (statement, events) in new[] { ("update", TriggerEvents.Update), ("delete", TriggerEvents.Delete) })
            {
                yield return new Trigger($"{Schema}.{table}_no_{statement}", $"{Schema}.{table}", $"{RefuseFunction}()")
                {
                    Timing = TriggerTiming.Before,
                    Events = events,
                    ForEachRow = true,
                };
            }
        }
    }

    private string MaskCases()
    {
        var cases = new StringBuilder();
        foreach (var (type, paths) in personalFields.Where(field => field.Value.Count > 0).OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            cases.Append($"        WHEN '{type}' THEN ARRAY[{string.Join(", ", paths.Select(path => $"'{path}'"))}]\n");
        }

        return cases.ToString().TrimEnd('\n');
    }
}

using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Achats.Catalogue.Search;

/// <summary>
/// The weighted French text of each published solution, computed once when its <see cref="CatalogueEntry"/> is written
/// and stored with its GIN index in <c>catalogue.catalogue_search</c> (ADR 0051): a search then matches and ranks the
/// stored vectors instead of analysing again the texts of every matching solution. A trigger on Marten's table of
/// entries keeps it, in the same transaction, whoever writes the entry (an event appended, a projection rebuilt).
/// Registered as a storage feature of its own, which Marten creates and migrates after the document tables.
/// </summary>
internal sealed class CatalogueSearchIndex() : FeatureSchemaBase("catalogue_search", new PostgresqlMigrator())
{
    /// <summary>The text search configuration of the stored vectors and of every query.</summary>
    public const string French = "french";

    public const string Table = CatalogueModule.Schema + ".catalogue_search";

    private const string EntriesTable = CatalogueModule.Schema + ".mt_doc_catalogueentry";
    private const string KeepFunction = CatalogueModule.Schema + ".keep_catalogue_search";

    /// <summary>The title weighs most (A), then the summary, supplier and labels (B), then the description and references (C).</summary>
    private const string WeightedVector =
        $"setweight(to_tsvector('{French}', coalesce(new.data ->> '{nameof(CatalogueEntry.SearchTitle)}', '')), 'A') || " +
        $"setweight(to_tsvector('{French}', coalesce(new.data ->> '{nameof(CatalogueEntry.SearchSummary)}', '')), 'B') || " +
        $"setweight(to_tsvector('{French}', coalesce(new.data ->> '{nameof(CatalogueEntry.SearchBody)}', '')), 'C')";

    /// <summary>The table, the function that keeps it and the trigger that calls it.</summary>
    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(new PostgresqlObjectName(CatalogueModule.Schema, "catalogue_search", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("vector", "tsvector").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_catalogue_search_vector") { Method = IndexMethod.gin, Columns = ["vector"] });
        yield return table;

        // Written as PostgreSQL renders it back (pg_get_functiondef, pg_get_triggerdef), so that Weasel sees no change at
        // the next start and the readiness check finds the schema as configured.
        yield return Function.ForSql($"""
            CREATE OR REPLACE FUNCTION {KeepFunction}()
             RETURNS trigger
             LANGUAGE plpgsql
            AS $function$
            BEGIN
                IF new.data ->> '{nameof(CatalogueEntry.PublishedAt)}' IS NULL THEN
                    DELETE FROM {Table} WHERE id = new.id;
                ELSE
                    INSERT INTO {Table} (id, vector) VALUES (new.id, {WeightedVector})
                    ON CONFLICT (id) DO UPDATE SET vector = excluded.vector;
                END IF;
                RETURN NULL;
            END;
            $function$;
            """);

        // Entries are never deleted but by a projection rebuild, which writes them again: a vector left behind meanwhile
        // matches no entry, as every search joins the entries.
        yield return new Trigger($"{CatalogueModule.Schema}.keep_catalogue_search", EntriesTable, $"{KeepFunction}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Insert | TriggerEvents.Update,
            ForEachRow = true,
        };
    }
}

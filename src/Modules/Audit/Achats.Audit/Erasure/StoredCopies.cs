using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Achats.Shared.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Erasure;

/// <summary>
/// Every copy of a person's data outside the events, erased in place (ADR 0061): each text, JSON or byte column of
/// every table of the database (documents and read models, their duplicated search columns, Wolverine's envelopes
/// and dead letters…), found by the person's enrolment ids, emails, phones and full names. In a JSON value, an object
/// of the person's own (its id or enrolment id is theirs, or it holds their email) loses their names, emails and phones,
/// alone or inside its texts; everywhere else,
/// what contains their email, phone or full name has that part replaced. A row whose key holds their data (a registrant,
/// known by cohort and email) is deleted. The events are masked apart
/// (<see cref="Chain.EventChain.MaskFunction"/>), so that the chain still verifies.
/// </summary>
internal static class StoredCopies
{
    private static readonly string[] Kinds = ["text", "character varying", "json", "jsonb", "bytea"];

    /// <summary>Erases the copies on the erasure's connection and transaction; how many values were rewritten.</summary>
    public static async Task<int> EraseAsync(NpgsqlConnection connection, PersonTraces person, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        foreach (var (schema, table, column, kind, key) in await ColumnsAsync(connection, cancellationToken))
        {
            var target = $"{Quote(schema)}.{Quote(table)}";
            var found = new List<(string Row, object Value)>();
            await using (var select = new NpgsqlCommand(
                kind == "bytea"
                    ? $"select ctid::text, {Quote(column)} from {target} where exists (select from unnest(@needles) needle where position(convert_to(needle, 'UTF8') in {Quote(column)}) > 0)"
                    : $"select ctid::text, {Quote(column)}::text from {target} where exists (select from unnest(@needles) needle where strpos(lower({Quote(column)}::text), lower(needle)) > 0)",
                connection))
            {
                select.Parameters.Add(new NpgsqlParameter("needles", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = person.Needles.ToArray() });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add((reader.GetString(0), reader.GetValue(1)));
                }
            }

            foreach (var (row, value) in found)
            {
                object? erased = kind == "bytea" ? Erase((byte[])value, person) : Erase((string)value, kind, person);
                if (erased is null)
                {
                    continue;
                }

                // A row known by the person's data (a registrant's id holds their email) cannot be kept under another name: it goes.
                await using var update = new NpgsqlCommand(key
                    ? $"delete from {target} where ctid = @row::tid"
                    : $"update {target} set {Quote(column)} = @value{(kind is "json" or "jsonb" ? $"::{kind}" : "")} where ctid = @row::tid", connection);
                update.Parameters.Add(new NpgsqlParameter("value", kind == "bytea" ? NpgsqlDbType.Bytea : NpgsqlDbType.Text) { Value = erased });
                update.Parameters.Add(new NpgsqlParameter("row", NpgsqlDbType.Text) { Value = row });
                rewritten += await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return rewritten;
    }

    /// <summary>The text (JSON or not) without the person's data, or null when it had none.</summary>
    private static string? Erase(string value, string kind, PersonTraces person)
    {
        var erased = kind is "json" or "jsonb" || LooksLikeJson(value) ? ErasedJson(value, person) ?? person.Scrub(value) : person.Scrub(value);
        return erased == value ? null : erased;
    }

    /// <summary>
    /// Bytes: UTF-8 text (JSON or not), or one of Wolverine's stored envelopes, whose message ends it as JSON after its
    /// length (four bytes, little-endian), rewritten with its new length.
    /// </summary>
    private static byte[]? Erase(byte[] value, PersonTraces person)
    {
        if (Utf8(value, 0) is { } whole)
        {
            var erased = LooksLikeJson(whole) ? ErasedJson(whole, person) ?? person.Scrub(whole) : person.Scrub(whole);
            return erased == whole ? null : Encoding.UTF8.GetBytes(erased);
        }

        for (var start = 4; start < value.Length; start++)
        {
            if (value[start] == (byte)'{' && BitConverter.ToInt32(value, start - 4) == value.Length - start
                && Utf8(value, start) is { } message && ErasedJson(message, person) is { } erased)
            {
                if (erased == message)
                {
                    return null;
                }

                var json = Encoding.UTF8.GetBytes(erased);
                return [.. value.AsSpan(0, start - 4), .. BitConverter.GetBytes(json.Length), .. json];
            }
        }

        return null;
    }

    private static string? Utf8(byte[] value, int start)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value, start, value.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool LooksLikeJson(string text) => text.TrimStart() is ['{', ..] or ['[', ..];

    private static string? ErasedJson(string text, PersonTraces person)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is null)
        {
            return null;
        }

        Walk(node, person);
        return node.ToJsonString();
    }

    private static void Walk(JsonNode node, PersonTraces person)
    {
        switch (node)
        {
            case JsonObject value:
                var owned = value.Any(property => property.Value is JsonValue leaf && leaf.TryGetValue<string>(out var text) && person.Owns(property.Key, text));
                foreach (var (name, child) in value.ToList())
                {
                    if (child is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        var erased = !owned ? person.Scrub(text) : person.IsTheirs(text) ? PersonalDataAttribute.Erased : person.ScrubOwn(text);
                        if (erased != text)
                        {
                            value[name] = erased;
                        }
                    }
                    else if (child is not null)
                    {
                        Walk(child, person);
                    }
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    if (array[index] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        var erased = person.Scrub(text);
                        if (erased != text)
                        {
                            array[index] = erased;
                        }
                    }
                    else if (array[index] is { } child)
                    {
                        Walk(child, person);
                    }
                }

                break;
        }
    }

    /// <summary>Every column that can hold a copy, but the events' own (masked by their declared fields) and the system's.</summary>
    private static async Task<List<(string Schema, string Table, string Column, string Kind, bool Key)>> ColumnsAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select c.table_schema, c.table_name, c.column_name, c.data_type, exists (
                select from information_schema.table_constraints k
                join information_schema.key_column_usage u on u.constraint_schema = k.constraint_schema and u.constraint_name = k.constraint_name
                where k.constraint_type in ('PRIMARY KEY', 'UNIQUE') and k.table_schema = c.table_schema and k.table_name = c.table_name
                  and u.column_name = c.column_name)
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg\_%'
              and c.data_type = any(@kinds)
              and not (c.table_schema = 'events' and c.table_name = 'mt_events')
            order by 1, 2, 3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Kinds });
        var columns = new List<(string, string, string, string, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
        }

        return columns;
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

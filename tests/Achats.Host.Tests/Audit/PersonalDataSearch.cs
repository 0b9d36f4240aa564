using Achats.Testing;
using Npgsql;

namespace Achats.Host.Tests.Audit;

/// <summary>Where a text is stored, searched as an inspector would: every text, varchar, json, jsonb and bytea column of every table.</summary>
public static class PersonalDataSearch
{
    /// <summary>« schema.table.column » of every column holding one of <paramref name="texts"/> (case ignored), with the count of rows.</summary>
    public static async Task<IReadOnlyList<string>> WhereStoredAsync(this AchatsApp app, params string[] texts)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            select c.table_schema, c.table_name, c.column_name, c.data_type
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema not in ('pg_catalog', 'information_schema')
              and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            // Bytes are searched as bytes (UTF-8), and as the JSON text a serializer writes with non-ASCII escaped.
            var text = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var count = new NpgsqlCommand(
                $"select count(*) from \"{schema}\".\"{table}\" where exists (select from unnest($1) t where strpos(lower({text}), lower(t)) > 0)", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = texts });
            if ((long)(await count.ExecuteScalarAsync())! is var rows and > 0)
            {
                found.Add($"{schema}.{table}.{column} ({rows})");
            }
        }

        return found;
    }

    /// <summary>The files of the email folder that hold one of <paramref name="texts"/>, raw or as a mail reader decodes them.</summary>
    public static async Task<IReadOnlyList<string>> EmailsHoldingAsync(this AchatsApp app, params string[] texts)
    {
        var found = new List<string>();
        if (!Directory.Exists(app.EmailFolder))
        {
            return found;
        }

        foreach (var path in Directory.EnumerateFiles(app.EmailFolder, "*.eml"))
        {
            using var message = await MimeKit.MimeMessage.LoadAsync(path);
            var decoded = $"{await File.ReadAllTextAsync(path)}\n{message.To}\n{message.Subject}\n{message.TextBody}\n{message.HtmlBody}";
            if (texts.Any(text => decoded.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(Path.GetFileName(path));
            }
        }

        return found;
    }
}

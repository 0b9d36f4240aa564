using Npgsql;

namespace Achats.Host.Tests.Hostile;

/// <summary>The number of rows of every Marten event and document table of a database, to see whether a request wrote.</summary>
public sealed class WriteCounter(string connectionString, IReadOnlyList<string> tables)
{
    public static async Task<WriteCounter> CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and (table_name = 'mt_events' or table_name like 'mt\\_doc\\_%') order by 1",
            connection);
        List<string> tables = [];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return new WriteCounter(connectionString, tables);
    }

    public int Tables => tables.Count;

    public async Task<long[]> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select " + string.Join(", ", tables.Select(table => $"(select count(*) from {table})")), connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [.. tables.Select((_, i) => reader.GetInt64(i))];
    }

    /// <summary>The tables whose counts differ, as "table +n".</summary>
    public string Difference(long[] before, long[] after) => string.Join(", ", tables
        .Select((table, i) => (table, change: after[i] - before[i]))
        .Where(entry => entry.change != 0)
        .Select(entry => $"{entry.table} {entry.change:+#;-#}"));
}

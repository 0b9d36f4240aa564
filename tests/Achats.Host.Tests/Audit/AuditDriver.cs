using Achats.Host.Tests.Hosting;
using Achats.Testing;
using Npgsql;

namespace Achats.Host.Tests.Audit;

/// <summary>What the audit tests do beside the application: SQL as someone with access to the database, and the command line.</summary>
public static class AuditDriver
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Runs SQL on the app's database directly, as a person with the database's password would.</summary>
    public static async Task<int> ExecuteSqlAsync(this AchatsApp app, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this AchatsApp app, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <c>audit …</c> as an auditor does, on the app's database: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> AuditCommandAsync(this AchatsApp app, params string[] arguments)
    {
        await using var command = HostProcess.Start(HostProcess.HostDll(Configuration),
            new Dictionary<string, string> { ["ConnectionStrings__Achats"] = app.ConnectionString }, ["audit", .. arguments]);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, command.Output);
    }

    /// <summary>
    /// Runs <c>audit verify-export ZIP</c> offline: the only database it is given cannot be reached, so a check that
    /// needed one would fail.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> VerifyExportAsync(params string[] arguments)
    {
        await using var command = HostProcess.Start(HostProcess.HostDll(Configuration),
            new Dictionary<string, string> { ["ConnectionStrings__Achats"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1" },
            ["audit", "verify-export", .. arguments]);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, command.Output);
    }
}

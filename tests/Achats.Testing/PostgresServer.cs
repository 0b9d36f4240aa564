using Achats.Host.Database;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace Achats.Testing;

/// <summary>
/// The PostgreSQL server of a test run, one per test process, from the first source that works:
/// <c>ACHATS_TEST_POSTGRES</c> (a connection string), a Testcontainers container where a Docker
/// engine answers, else the Host's own embedded launcher. Each test class gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "ACHATS_TEST_POSTGRES";

    private const int MaxConnections = 400;

    private IAsyncDisposable? _owned;
    private string? _adminConnectionString;

    public string AdminConnectionString => _adminConnectionString ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured)
        {
            _adminConnectionString = configured;
            return;
        }

        if (await TryStartContainerAsync() is { } container)
        {
            (_owned, _adminConnectionString) = (container, container.GetConnectionString());
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "achats-tests", Guid.CreateVersion7().ToString("N"));
        var embedded = await EmbeddedPostgres.StartAsync(folder, binDirectory: null, database: "postgres", log: _ => { });
        _owned = new DeleteFolderAfter(embedded, folder);
        _adminConnectionString = embedded.ConnectionStringFor("postgres");
        await AllowManyHostsAsync(embedded);
    }

    /// <summary>
    /// Test classes run in parallel, each with its own host (and some with a second node), each with its connection pool:
    /// PostgreSQL's default of 100 connections is too few for a whole test process, so the server restarts with more.
    /// </summary>
    private async Task AllowManyHostsAsync(EmbeddedPostgres embedded)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var raise = new NpgsqlCommand($"alter system set max_connections = {MaxConnections}", connection);
            await raise.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await embedded.StopAsync();
        await embedded.StartAgainAsync();
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"achats_test_{Guid.CreateVersion7():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    private static async Task<PostgreSqlContainer?> TryStartContainerAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            return container;
        }
        catch (DockerUnavailableException)
        {
            return null;
        }
    }

    private sealed class DeleteFolderAfter(EmbeddedPostgres server, string folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}

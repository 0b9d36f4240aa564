namespace Achats.Host.Database;

/// <summary>Where the Host's PostgreSQL comes from: <c>ConnectionStrings:Achats</c>, else the embedded cluster.</summary>
public static class AchatsDatabase
{
    public const string ConnectionStringName = "Achats";
    public const string DatabaseName = "achats";

    /// <summary>
    /// Starts the embedded cluster when no connection string is configured, and points the configuration at it;
    /// <paramref name="useRunningServer"/>: a cluster another live run has started is used rather than refused.
    /// </summary>
    public static async Task<EmbeddedPostgres?> StartEmbeddedUnlessConfiguredAsync(ConfigurationManager configuration, ILogger logger, bool useRunningServer = false)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)))
        {
            return null;
        }

        var section = configuration.GetSection("EmbeddedPostgres");
        var folder = section["DataDirectory"] is { Length: > 0 } configured ? configured : DefaultDataDirectory();
        var binDirectory = section["BinDirectory"] is { Length: > 0 } bin ? bin : null;
        var server = await EmbeddedPostgres.StartAsync(folder, binDirectory, DatabaseName, message => logger.LogInformation("{Message}", message),
            useRunningServer: useRunningServer);
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = server.ConnectionStringFor(DatabaseName);
        return server;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");

    /// <summary>
    /// Root cannot hand the server a folder under its own home (closed to the <c>postgres</c> user), so it
    /// keeps the data where services keep theirs; anyone else keeps it in their own data folder.
    /// </summary>
    private static string DefaultDataDirectory() => Environment.IsPrivilegedProcess
        ? "/var/lib/achats/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "achats", "postgres");
}

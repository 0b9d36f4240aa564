using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Npgsql;

namespace Achats.Host.Database;

/// <summary>
/// A private PostgreSQL cluster run from the machine's server binaries (initdb, pg_ctl): the default
/// when no connection string is configured, and the last resort of the test fixtures (ADR 0003).
/// </summary>
/// <remarks>
/// The folder holds <c>cluster/</c> (the data), <c>password</c> (0600), <c>server.log</c> and <c>owner.lock</c>. The
/// cluster survives between runs; only the port changes, a free one on 127.0.0.1 each time. As root
/// the server runs as the <c>postgres</c> system user, since initdb refuses root. The process that starts the
/// server holds an exclusive lock on <c>owner.lock</c> until it stops it; the system releases the lock when
/// that process dies, however it dies. So a running server whose lock is free was left by a dead process and is
/// stopped, and one whose lock is held is in use: never stopped by another process (ADR 0039).
/// </remarks>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string SuperUser = "achats";
    private const string ServerUser = "postgres";

    private readonly string _pgCtl;
    private readonly string _clusterDirectory;
    private readonly bool _runAsServerUser;
    private readonly FileStream? _ownership;
    private bool _stopped;

    private EmbeddedPostgres(string pgCtl, string clusterDirectory, bool runAsServerUser, int port, string password, FileStream? ownership)
    {
        _pgCtl = pgCtl;
        _clusterDirectory = clusterDirectory;
        _runAsServerUser = runAsServerUser;
        _ownership = ownership;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    private string Password { get; }

    /// <summary>A connection string to <paramref name="database"/> on this server, as its superuser.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Starts the cluster in <paramref name="folder"/>, creating it on first use, and makes sure
    /// <paramref name="database"/> exists. When another live process runs it already, uses that server if
    /// <paramref name="useRunningServer"/> (a short command), and never stops it; otherwise refuses.
    /// </summary>
    /// <exception cref="EmbeddedPostgresException">
    /// No binaries, an unusable folder, a server that does not start, or one that another process runs.
    /// </exception>
    public static async Task<EmbeddedPostgres> StartAsync(
        string folder, string? binDirectory, string database, Action<string> log, CancellationToken cancellationToken = default,
        bool useRunningServer = false)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new EmbeddedPostgresException(
                "Le PostgreSQL embarqué ne fonctionne que sous Linux ou macOS : indiquez un serveur avec ConnectionStrings__Achats.");
        }

        var binaries = FindBinaries(binDirectory);
        folder = Path.GetFullPath(folder);
        var runAsServerUser = Environment.IsPrivilegedProcess;
        var clusterDirectory = Path.Combine(folder, "cluster");
        var passwordFile = Path.Combine(folder, "password");

        await PrepareFolderAsync(folder, runAsServerUser, cancellationToken);
        var ownership = TryTakeOwnership(folder);
        if (ownership is null)
        {
            return await UseRunningServerAsync(binaries.PgCtl, clusterDirectory, runAsServerUser, database, useRunningServer, log, cancellationToken);
        }

        EmbeddedPostgres server;
        try
        {
            if (!File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
            {
                log($"Création du cluster PostgreSQL dans {clusterDirectory}");
                await File.WriteAllTextAsync(passwordFile, RandomNumberGenerator.GetHexString(32, lowercase: true), cancellationToken);
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                if (runAsServerUser)
                {
                    await RunAsync("chown", [ServerUser, passwordFile], runAs: null, cancellationToken);
                }

                await RunAsync(binaries.InitDb,
                    ["-D", clusterDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"],
                    runAsServerUser ? ServerUser : null, cancellationToken);
            }

            var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

            // The lock was free: a server still running was left by a process that died (killed, machine crashed).
            server = new EmbeddedPostgres(binaries.PgCtl, clusterDirectory, runAsServerUser, FreeLoopbackPort(), password, ownership);
            if (await server.IsRunningAsync(cancellationToken))
            {
                log("Un serveur PostgreSQL laissé par une exécution interrompue est arrêté.");
                await server.StopAsync(cancellationToken);
            }

            await server.StartServerAsync(cancellationToken);
        }
        catch
        {
            await ownership.DisposeAsync();
            throw;
        }

        try
        {
            await server.EnsureDatabaseAsync(database, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        log($"PostgreSQL embarqué prêt sur 127.0.0.1:{server.Port} (données : {clusterDirectory})");
        return server;
    }

    /// <summary>Starts again, on the same port, a server stopped by <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_ownership is null)
        {
            throw new InvalidOperationException("Only the process that started the server starts it again.");
        }

        await StartServerAsync(cancellationToken);
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m fast</c>): open sessions are ended, nothing committed is lost.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_ownership is null)
        {
            throw new InvalidOperationException("Only the process that started the server stops it.");
        }

        await RunAsync(_pgCtl, ["-D", _clusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"], RunAs, cancellationToken);
        _stopped = true;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server if this process started it; a server another process runs is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownership is null)
        {
            return;
        }

        if (!_stopped)
        {
            await StopAsync(CancellationToken.None);
        }

        await _ownership.DisposeAsync();
    }

    private string? RunAs => _runAsServerUser ? ServerUser : null;

    private string ServerLog => Path.Combine(Path.GetDirectoryName(_clusterDirectory)!, "server.log");

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(_pgCtl,
                ["-D", _clusterDirectory, "-w", "-t", "60", "-l", ServerLog,
                 "-o", $"-p {Port} -k '{_clusterDirectory}' -c listen_addresses=127.0.0.1", "start"],
                RunAs, cancellationToken);
        }
        catch (EmbeddedPostgresException failure) when (File.Exists(ServerLog))
        {
            // pg_ctl only says "see the log": the reason (a cluster of another major version, a full disk) is there.
            var reason = string.Join(Environment.NewLine, (await File.ReadAllLinesAsync(ServerLog, cancellationToken)).TakeLast(10));
            throw new EmbeddedPostgresException($"{failure.Message}{Environment.NewLine}Fin de {ServerLog} :{Environment.NewLine}{reason}");
        }

        _stopped = false;
    }

    /// <summary>
    /// The exclusive lock that says "this process runs the server", or null when a live process holds it. The
    /// system releases it when its holder dies, even by SIGKILL: a lock left behind by a dead process cannot exist.
    /// </summary>
    private static FileStream? TryTakeOwnership(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, "owner.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Another live process runs the server: a short command uses it (and leaves it running), anything else refuses.</summary>
    private static async Task<EmbeddedPostgres> UseRunningServerAsync(string pgCtl, string clusterDirectory, bool runAsServerUser,
        string database, bool useRunningServer, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(clusterDirectory)!;
        if (!useRunningServer)
        {
            throw new EmbeddedPostgresException(
                $"Le PostgreSQL embarqué de {folder} est utilisé par une autre exécution d'Achats, toujours en cours : " +
                "arrêtez-la avant d'en lancer une nouvelle, ou donnez à celle-ci un autre dossier de données (EmbeddedPostgres__DataDirectory) " +
                "ou un serveur PostgreSQL (ConnectionStrings__Achats).");
        }

        // The other process may be creating or starting it this very moment: its port is in postmaster.pid once it listens.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await RunningPortAsync(clusterDirectory, cancellationToken) is { } port)
            {
                var password = (await File.ReadAllTextAsync(Path.Combine(folder, "password"), cancellationToken)).Trim();
                var server = new EmbeddedPostgres(pgCtl, clusterDirectory, runAsServerUser, port, password, ownership: null);
                try
                {
                    await server.EnsureDatabaseAsync(database, cancellationToken);
                    log($"PostgreSQL embarqué déjà lancé par une autre exécution, utilisé sur 127.0.0.1:{port} et laissé en marche (données : {clusterDirectory})");
                    return server;
                }
                catch (NpgsqlException)
                {
                    // Still starting up.
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new EmbeddedPostgresException(
            $"Le PostgreSQL embarqué de {folder} est tenu par une autre exécution d'Achats mais ne répond pas : arrêtez-la, puis recommencez.");
    }

    /// <summary>The port in <c>postmaster.pid</c> (its fourth line) while a server runs the cluster.</summary>
    private static async Task<int?> RunningPortAsync(string clusterDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(clusterDirectory, "postmaster.pid"), cancellationToken);
            return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(_clusterDirectory, "postmaster.pid")))
        {
            return false;
        }

        var (exitCode, _) = await RunProcessAsync(_pgCtl, ["-D", _clusterDirectory, "status"], RunAs, cancellationToken);
        return exitCode == 0;
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task PrepareFolderAsync(string folder, bool runAsServerUser, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (!runAsServerUser)
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }

        // The server user must reach the folder: every folder above it must be traversable by others.
        for (var parent = Directory.GetParent(folder); parent is not null; parent = parent.Parent)
        {
            if ((File.GetUnixFileMode(parent.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new EmbeddedPostgresException(
                    $"Le dossier {parent.FullName} n'est pas traversable par l'utilisateur « {ServerUser} » qui fait tourner PostgreSQL. " +
                    "Choisissez un autre dossier de données (EmbeddedPostgres__DataDirectory) ou rendez celui-ci traversable (chmod o+x).");
            }
        }

        await RunAsync("chown", ["-R", $"{ServerUser}:", folder], runAs: null, cancellationToken);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static (string InitDb, string PgCtl) FindBinaries(string? binDirectory)
    {
        IEnumerable<string> candidates = binDirectory is not null
            ? [binDirectory]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(DebianVersionDirectories());

        foreach (var directory in candidates)
        {
            var initDb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return (initDb, pgCtl);
            }
        }

        throw new EmbeddedPostgresException(
            "Aucune base PostgreSQL n'est configurée et les binaires du serveur PostgreSQL (initdb, pg_ctl) sont introuvables" +
            (binDirectory is null ? " (ni dans le PATH ni sous /usr/lib/postgresql/*/bin)" : $" dans {binDirectory}") + ". " +
            "Deux solutions : indiquez un serveur existant avec la chaîne de connexion ConnectionStrings__Achats, " +
            "ou installez les binaires du serveur (sous Debian : apt-get install postgresql).");
    }

    private static IEnumerable<string> DebianVersionDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : 0, Bin: Path.Combine(version, "bin")))
            .OrderByDescending(entry => entry.Version)
            .Select(entry => entry.Bin);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, string? runAs, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunProcessAsync(file, arguments, runAs, cancellationToken);
        if (exitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"La commande « {Path.GetFileName(file)} {string.Join(' ', arguments)} » a échoué (code {exitCode}) :{Environment.NewLine}{output.Trim()}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string file, string[] arguments, string? runAs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(runAs is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var prefix in new[] { "-u", runAs, "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new EmbeddedPostgresException($"Impossible de lancer {file}.");
        process.StandardInput.Close();
        // pg_ctl sends the server's own output to server.log, so both streams end with the command.
        var outputs = await Task.WhenAll(
            process.StandardOutput.ReadToEndAsync(cancellationToken),
            process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        var output = string.Concat(outputs);
        return (process.ExitCode, output);
    }
}

/// <summary>The embedded PostgreSQL could not be started; the message says why and what to do.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);

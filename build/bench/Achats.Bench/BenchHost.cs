using System.Diagnostics;
using System.Globalization;
using Achats.Host;
using Achats.Host.Database;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

/// <summary>
/// What every bench shares: the Release Host on Kestrel (loopback, a free port, Production settings) on a
/// throwaway embedded PostgreSQL unless <c>ConnectionStrings__Achats</c> is set, and latency percentiles.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;
    private readonly string _folder;

    private BenchHost(WebApplication app, string connectionString, Uri address, EmbeddedPostgres? embedded, string folder)
    {
        (App, ConnectionString, Address, _embedded, _folder) = (app, connectionString, address, embedded, folder);
    }

    public WebApplication App { get; }

    public string ConnectionString { get; }

    public Uri Address { get; }

    /// <summary>A folder of this run's own, deleted with it (the embedded cluster, the emails).</summary>
    public string Folder => _folder;

    /// <summary>Starts PostgreSQL (unless one is named) and the Host; <paramref name="settings"/> are added to the Host's configuration.</summary>
    public static async Task<BenchHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "achats-bench", Guid.CreateVersion7().ToString("N"));
        EmbeddedPostgres? embedded = null;
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Achats");
        if (string.IsNullOrEmpty(connectionString))
        {
            embedded = await EmbeddedPostgres.StartAsync(folder, binDirectory: null, AchatsDatabase.DatabaseName, _ => { });
            connectionString = embedded.ConnectionStringFor(AchatsDatabase.DatabaseName);
        }

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration[$"ConnectionStrings:{AchatsDatabase.ConnectionStringName}"] = connectionString;
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error"; // no wwwroot beside the bench: the pages' HTML is what is measured
            builder.Configuration["Email:Folder"] = Path.Combine(folder, "emails"); // signing links and the like, deleted with the run
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }

            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddAchats();
            var app = builder.Build();
            app.UseAchats();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BenchHost(app, connectionString, new Uri(address), embedded, folder);
        }
        catch
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>Latencies of an operation run <c>count</c> times by <c>clients</c> concurrent callers, sorted.</summary>
internal sealed record Latencies(double[] Sorted, TimeSpan Wall)
{
    public double PerSecond => Sorted.Length / Wall.TotalSeconds;

    public double P50 => At(0.50);

    public double P95 => At(0.95);

    public double P99 => At(0.99);

    public double Max => Sorted[^1];

    public double At(double rank) => Sorted[Math.Min(Sorted.Length - 1, (int)Math.Ceiling(rank * Sorted.Length) - 1)];

    public static async Task<Latencies> MeasureAsync(int clients, int count, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        wall.Stop();
        Array.Sort(latencies);
        return new Latencies(latencies, wall.Elapsed);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} ms, p95 {P95:F1} ms");
}

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

/// <summary>A page to measure: how the table names it, its address, its p95 target (none for a floor).</summary>
internal sealed record MeasuredPage(string Label, string Url, double? Target);

/// <summary>How the staff and cohort benches measure pages: one client, GETs in rounds, the whole body read.</summary>
internal static class PageRounds
{
    /// <summary>
    /// 20 warm-up rounds (JIT, pools, query plans), then <paramref name="requests"/> rounds of every page in turn, so
    /// that any disturbance falls on all of them alike; each page's latencies and the size of its answer.
    /// </summary>
    public static async Task<Dictionary<MeasuredPage, (Latencies Latencies, long Bytes)>> MeasureAsync(
        HttpClient client, IReadOnlyList<MeasuredPage> pages, int requests)
    {
        var latencies = pages.ToDictionary(page => page, _ => new List<double>(requests));
        var bytes = new Dictionary<MeasuredPage, long>();
        for (var round = -20; round < requests; round++)
        {
            foreach (var page in pages)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(page.Url); // the whole body read: the time a browser waits for the HTML
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{page.Url} answered {(int)response.StatusCode}");
                }

                if (round >= 0)
                {
                    latencies[page].Add(elapsed);
                    bytes[page] = response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length;
                }
            }
        }

        return pages.ToDictionary(page => page, page => (new Latencies([.. latencies[page].Order()], TimeSpan.Zero), bytes[page]));
    }

    /// <summary>One line of the table: p50, p95 and max, the target and whether it is met, the size in KB.</summary>
    public static string Line(MeasuredPage page, Latencies measured, long bytes, int width)
    {
        var target = page.Target is { } ms ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<= {ms:F0} ms") : "";
        var met = page.Target is { } limit ? (measured.P95 <= limit ? "yes" : "NO") : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{page.Label.PadRight(width)} | {measured.P50,7:F1} {measured.P95,7:F1} {measured.Max,7:F1} | {target,10} {met,4} | {bytes / 1024.0,6:F1}");
    }
}

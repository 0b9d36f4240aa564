using System.Diagnostics;
using System.Globalization;
using System.Net;
using Achats.Cohorts.Cohorts;
using Achats.Host;
using Achats.Host.Database;
using Achats.Shared.Time;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Wolverine;

// Pre-registrations per second and their latency through real HTTP (Kestrel on loopback, the Release
// Host, PostgreSQL), beside single-row INSERT commits on the same server, in the same run.
// Usage: build/bench/pre-registrations.sh [requests per client count, default 2000]
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
int[] clientCounts = [1, 16];

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
    builder.Configuration["PublicForms:PermitsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture); // one address sends everything
    builder.Configuration["Logging:LogLevel:Default"] = "Warning";
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.AddAchats();
    await using var app = builder.Build();
    app.UseAchats();
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address) };

    var today = TimeProvider.System.TodayInParis();
    var cohort = await app.Services.GetRequiredService<IMessageBus>().InvokeAsync<Cohort>(
        new PlanCohort("Édition de mesure", today.AddDays(-1), today.AddDays(30), today.AddDays(40), today.AddDays(400)));
    await WaitUntilOpenAsync(http, cohort.Id);

    await PreRegisterAsync(http, cohort.Id, clients: 4, count: 200); // warm-up: JIT, pools, plans
    await RawInsertsAsync(connectionString, clients: 4, count: 200);

    var floor = await MeasureAsync(1, requests, async _ => (await http.GetAsync("/health/live")).EnsureSuccessStatusCode());
    var openCohorts = await MeasureAsync(1, requests, async _ => (await http.GetAsync("/api/enrolment/v1/open-cohorts")).EnsureSuccessStatusCode());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Floor, 1 client: GET /health/live p50 {floor.P50:F2} ms; GET open cohorts (one query through the bus) p50 {openCohorts.P50:F2} ms, p99 {openCohorts.P99:F2} ms"));
    Console.WriteLine($"Pre-registrations through HTTP vs. raw PostgreSQL single-row INSERT commits ({requests} each, {Environment.ProcessorCount} cores)");
    Console.WriteLine($"{"clients",7} | {"HTTP /s",9} {"p50 ms",8} {"p99 ms",8} | {"raw /s",9} {"p50 ms",8} {"p99 ms",8} | {"HTTP/raw",8}");
    foreach (var clients in clientCounts)
    {
        var web = await PreRegisterAsync(http, cohort.Id, clients, requests);
        var raw = await RawInsertsAsync(connectionString, clients, requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clients,7} | {web.PerSecond,9:F0} {web.P50,8:F2} {web.P99,8:F2} | {raw.PerSecond,9:F0} {raw.P50,8:F2} {raw.P99,8:F2} | {web.PerSecond / raw.PerSecond,8:P1}"));
    }

    await app.StopAsync();
}
finally
{
    if (embedded is not null)
    {
        await embedded.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}

return 0;

static async Task WaitUntilOpenAsync(HttpClient http, Guid cohortId)
{
    for (var attempt = 0; attempt < 100; attempt++)
    {
        var open = await http.GetFromJsonAsync<List<OpenCohortRow>>("/api/enrolment/v1/open-cohorts");
        if (open!.Any(cohort => cohort.Id == cohortId))
        {
            return;
        }

        await Task.Delay(100);
    }

    throw new InvalidOperationException("The planned cohort never reached Enrolment.");
}

static Task<Measure> PreRegisterAsync(HttpClient http, Guid cohortId, int clients, int count) =>
    MeasureAsync(clients, count, async _ =>
    {
        var id = Guid.CreateVersion7().ToString("N");
        using var response = await http.PostAsJsonAsync("/api/enrolment/v1/pre-registrations", Form(cohortId, id));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Pre-registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    });

static async Task<Measure> RawInsertsAsync(string connectionString, int clients, int count)
{
    await using var source = NpgsqlDataSource.Create(connectionString);
    await using (var create = source.CreateCommand("create table if not exists bench_raw_insert (id uuid primary key, data jsonb not null)"))
    {
        await create.ExecuteNonQueryAsync();
    }

    var payload = System.Text.Json.JsonSerializer.Serialize(Form(Guid.Empty, "raw"));
    return await MeasureAsync(clients, count, async _ =>
    {
        await using var insert = source.CreateCommand("insert into bench_raw_insert (id, data) values ($1, $2::jsonb)");
        insert.Parameters.AddWithValue(Guid.CreateVersion7());
        insert.Parameters.AddWithValue(payload);
        await insert.ExecuteNonQueryAsync(); // autocommit: one transaction, one commit per row
    });
}

static async Task<Measure> MeasureAsync(int clients, int count, Func<int, Task> operation)
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
    return new Measure(count / wall.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
}

static double Percentile(double[] sorted, double rank) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(rank * sorted.Length) - 1)];

static Dictionary<string, object?> Form(Guid cohortId, string unique) => new()
{
    ["cohortId"] = cohortId,
    ["participant"] = new { firstName = "Camille", lastName = "Durand", email = $"camille.{unique}@ville.test", phone = "01 23 45 67 89", jobTitle = "Acheteuse", profile = "PublicBuyer" },
    ["organisation"] = new { name = "Ville de Montreuil", kind = "CommuneEptOrMetropole", siren = "217500016", communeInseeCode = "93048" },
    ["declaredMemberships"] = new[] { "Inec" },
    ["project"] = new { title = "Restauration scolaire", category = "Catering", themes = new[] { "Circular", "Solidarity" } },
    ["consentToDataProcessing"] = true,
    ["promotesOwnSolution"] = false,
};

internal sealed record Measure(double PerSecond, double P50, double P99);

internal sealed record OpenCohortRow(Guid Id);

using System.Globalization;
using System.Net;
using Achats.Cohorts.Cohorts;
using Achats.Shared.Time;
using Npgsql;
using Wolverine;

// Pre-registrations per second and their latency through real HTTP (Kestrel on loopback, the Release
// Host, PostgreSQL), beside single-row INSERT commits on the same server, in the same run.
// Usage: build/bench/pre-registrations.sh [requests per client count, default 2000]
if (args is ["staff-pages", .. var staffPagesArguments])
{
    return await StaffPagesBench.RunAsync(staffPagesArguments);
}

if (args is ["catalogue-search", .. var catalogueSearchArguments])
{
    return await CatalogueSearchBench.RunAsync(catalogueSearchArguments);
}

if (args is ["hostile-memory", .. var hostileMemoryArguments])
{
    return await HostileMemoryBench.RunAsync(hostileMemoryArguments);
}

if (args is ["audit", .. var auditArguments])
{
    return await AuditBench.RunAsync(auditArguments);
}

if (args is ["cohort-pages", .. var cohortPagesArguments])
{
    return await CohortPagesBench.RunAsync(cohortPagesArguments);
}

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
int[] clientCounts = [1, 16];

await using (var bench = await BenchHost.StartAsync(new Dictionary<string, string?>
{
    ["PublicForms:PermitsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture), // one address sends everything
}))
{
    var (app, connectionString) = (bench.App, bench.ConnectionString);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = bench.Address };

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

static Task<Latencies> PreRegisterAsync(HttpClient http, Guid cohortId, int clients, int count) =>
    MeasureAsync(clients, count, async _ =>
    {
        var id = Guid.CreateVersion7().ToString("N");
        using var response = await http.PostAsJsonAsync("/api/enrolment/v1/pre-registrations", Form(cohortId, id));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Pre-registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    });

static async Task<Latencies> RawInsertsAsync(string connectionString, int clients, int count)
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

static Task<Latencies> MeasureAsync(int clients, int count, Func<int, Task> operation) => Latencies.MeasureAsync(clients, count, operation);

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

internal sealed record OpenCohortRow(Guid Id);

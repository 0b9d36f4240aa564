using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Achats.Access.PartnerKeys;
using Achats.Access.StaffAccounts;
using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Wolverine;

/// <summary>
/// Memory under hostile input (issue 11, point 12): the Release Host on Kestrel receives rounds of malformed requests
/// over every operation of its OpenAPI documents (huge strings, deep nesting, NUL, invalid UTF-8, unknown ids, as
/// anonymous, programme staff and a partner), and the process's resident memory (VmRSS) and managed heap are printed
/// after each round, then after a forced full compacting collection. The bench client shares the process: its own
/// garbage is collected with the rest.
/// Usage: build/bench/hostile-memory.sh [rounds, default 5] [requests per round, default 2000] [concurrent clients, default 8]
/// </summary>
internal static partial class HostileMemoryBench
{
    private static readonly string Huge = new('a', 300_000);

    private static readonly string[] Bodies =
    [
        $"{{\"name\":\"{Huge}\",\"title\":\"{Huge}\"}}",
        new string('[', 5_000) + new string(']', 5_000),
        "{\"name\":\"ab\\u0000cd\",\"firstName\":\"\\u0000\",\"reason\":\"\\u0000\"}",
        "{\"a\":1,\"a\":2,\"partner\":0,\"role\":\"Inconnu\"}",
        "{\"themes\":[" + string.Join(',', Enumerable.Repeat("\"Circular\"", 20_000)) + "]}",
        "{\"name\": ",
        "",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        await using var bench = await BenchHost.StartAsync(new Dictionary<string, string?>
        {
            ["PublicForms:PermitsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        });
        var bus = bench.App.Services.GetRequiredService<IMessageBus>();
        var today = TimeProvider.System.TodayInParis();
        await bus.InvokeAsync<StaffAccountView>(new CreateStaffAccount(
            StaffPagesBench.StaffEmail, "Équipe de mesure", StaffRole.ProgrammeStaff, OrganisingStructure.Mgp, StaffPagesBench.StaffPassword));
        var cohort = await bus.InvokeAsync<Cohort>(new PlanCohort("Édition de mesure", today.AddDays(-1), today.AddDays(30), today.AddDays(40), today.AddDays(400)));
        var issued = await bus.InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(OrganisingStructure.Inec, [.. PartnerScope.All], "Mesure"));

        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = bench.Address };
        using var staff = new HttpClient(new CookieJar()) { BaseAddress = bench.Address };
        await StaffPagesBench.SignInAsync(staff);
        using var partner = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = bench.Address };
        partner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", issued.Key);
        HttpClient[] callers = [anonymous, staff, partner];

        List<(string Method, string Route)> operations = [];
        foreach (var document in new[] { "v1", "partners" })
        {
            var paths = JsonNode.Parse(await anonymous.GetStringAsync($"/openapi/{document}.json"))!["paths"]!.AsObject();
            operations.AddRange(paths.SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Key is "get" or "post" or "put" or "delete")
                .Select(operation => (operation.Key.ToUpperInvariant(), path.Key))));
        }

        Console.WriteLine($"Hostile input and memory: {operations.Count} operations, {rounds} rounds of {requests} requests by {clients} concurrent clients, server GC {GCSettings.IsServerGC}, {Environment.ProcessorCount} cores");
        Print("started, before any hostile request");
        var random = new Random(20_261_202);
        var statuses = new SortedDictionary<int, int>();
        for (var round = 1; round <= rounds; round++)
        {
            await Latencies.MeasureAsync(clients, requests, async _ =>
            {
                string method, path;
                int body, caller;
                lock (random)
                {
                    (method, var route) = operations[random.Next(operations.Count)];
                    path = RouteParameter().Replace(route, match => match.Groups["name"].Value == "cohortId" && random.Next(3) > 0
                        ? cohort.Id.ToString()
                        : random.Next(4) switch { 0 => Guid.Empty.ToString(), 1 => "pas-un-guid", _ => Guid.NewGuid().ToString() });
                    (body, caller) = (random.Next(Bodies.Length), random.Next(callers.Length));
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?q={Guid.NewGuid():N}&asOf=2026-12-02T10:00:00%2B01:00&x=%C3%28");
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent(Bodies[body], Encoding.UTF8, "application/json");
                }

                using var response = await callers[caller].SendAsync(request);
                lock (statuses)
                {
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                }
            });

            Print($"after round {round} ({round * requests} requests)");
        }

        Console.WriteLine("Statuses: " + string.Join(", ", statuses.Select(status => $"{status.Key}: {status.Value}")));
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Print("after a forced full compacting collection");
        return 0;
    }

    private static void Print(string when)
    {
        var status = File.ReadAllLines("/proc/self/status");
        string Field(string name) => status.FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{when,-45} RSS {Field("VmRSS:"),10}  peak {Field("VmHWM:"),10}  managed heap {GC.GetTotalMemory(false) / 1048576.0,7:F1} MB  GC committed {info.TotalCommittedBytes / 1048576.0,7:F1} MB  fragmented {info.FragmentedBytes / 1048576.0,6:F1} MB"));
    }

    [GeneratedRegex(@"\{(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

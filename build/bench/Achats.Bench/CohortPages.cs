using System.Globalization;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Wolverine;

/// <summary>
/// The pages of a cohort under way (issue 14, "Bench"): each measured page seeds its own cohort through the system's
/// commands (<see cref="AttendanceSheetBench"/>, <see cref="ImpactReportBench"/>), then every page is
/// measured in the same run, one GET at a time, signed in as programme staff, beside the floor (GET /health/live).
/// Usage: build/bench/cohort-pages.sh [requests per page, default 200]
/// </summary>
internal static class CohortPagesBench
{
    public const double Target = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var bench = await BenchHost.StartAsync(new Dictionary<string, string?>());
        var bus = bench.App.Services.GetRequiredService<IMessageBus>();
        await bus.InvokeAsync<StaffAccountView>(new CreateStaffAccount(StaffPagesBench.StaffEmail, "Équipe de mesure", StaffRole.ProgrammeStaff, OrganisingStructure.Mgp, StaffPagesBench.StaffPassword));
        var jar = new CookieJar();
        using var staff = new HttpClient(jar) { BaseAddress = bench.Address };
        await StaffPagesBench.SignInAsync(staff);

        // Each page's own seed, then its address.
        List<MeasuredPage> pages =
        [
            await AttendanceSheetBench.SeedAsync(bench, staff),
            await ImpactReportBench.SeedAsync(bench, staff),
        ];

        List<MeasuredPage> rows = [new("GET /health/live (floor)", "/health/live", null), .. pages];
        var measuredPages = await PageRounds.MeasureAsync(staff, rows, requests);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cohort pages, signed in as programme staff: wall time of each GET on 127.0.0.1 (Kestrel, Release Host, whole body read), one client, {requests} requests per page after 20 warm-up rounds, {Environment.ProcessorCount} cores"));
        var width = rows.Max(row => row.Label.Length);
        Console.WriteLine($"{"request".PadRight(width)} | {"p50 ms",7} {"p95 ms",7} {"max ms",7} | {"target p95",10} {"met",4} | {"KB",6}");
        Console.WriteLine(new string('-', width) + "-+-" + new string('-', 23) + "-+-" + new string('-', 15) + "-+-" + new string('-', 6));
        foreach (var row in rows)
        {
            var (measured, size) = measuredPages[row];
            Console.WriteLine(PageRounds.Line(row, measured, size, width));
        }

        return 0;
    }
}

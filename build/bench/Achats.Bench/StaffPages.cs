using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Achats.Access.PartnerKeys;
using Achats.Access.StaffAccounts;
using Achats.Charter.Signatures;
using Achats.Cohorts.Attendance;
using Achats.Cohorts.Cohorts;
using Achats.Enrolment.Dashboard;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Shared.Web;
using Wolverine;

/// <summary>
/// The staff pages on a full cohort (issue 13, "Speed"): seeds one cohort with N enrolments through the system's
/// own doors (the public pre-registration API, the partners' attestation API, the staff decision API, a few bus
/// commands for what an administrator sets up), then measures the wall time of GET requests on 127.0.0.1, signed
/// in as programme staff with the session cookie, one request at a time.
/// Usage: build/bench/staff-pages.sh [enrolments, default 5000] [requests per URL, default 200]
/// </summary>
internal static partial class StaffPagesBench
{
    internal const string StaffEmail = "mesure.equipe@achats.test";
    internal const string StaffPassword = "mot-de-passe-de-mesure-assez-long";
    private const int SeedClients = 8;
    private const double ListTarget = 300;
    private const double DashboardTarget = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var enrolmentCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

        await using var bench = await BenchHost.StartAsync(new Dictionary<string, string?>
        {
            ["PublicForms:PermitsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture), // one address sends every pre-registration
        });
        var services = bench.App.Services;
        var bus = services.GetRequiredService<IMessageBus>();
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = bench.Address };
        var jar = new CookieJar();
        using var staff = new HttpClient(jar) { BaseAddress = bench.Address };
        var today = TimeProvider.System.TodayInParis();

        // What an administrator sets up: a staff account, the partners' keys, the cohort (bus commands, as `admin create` does).
        var seeding = Stopwatch.StartNew();
        await bus.InvokeAsync<StaffAccountView>(new CreateStaffAccount(StaffEmail, "Équipe de mesure", StaffRole.ProgrammeStaff, OrganisingStructure.Mgp, StaffPassword));
        var partners = new Dictionary<OrganisingStructure, HttpClient>();
        foreach (var partner in new[] { OrganisingStructure.Inec, OrganisingStructure.ObsAR, OrganisingStructure.LesCanaux })
        {
            var issued = await bus.InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(partner, [PartnerScope.AttestMemberships], $"Mesure {partner}"));
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = bench.Address };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", issued.Key);
            partners[partner] = client;
        }

        var cohort = await bus.InvokeAsync<Cohort>(new PlanCohort("Édition 2027", today.AddDays(-30), today.AddDays(60), today.AddDays(75), today.AddDays(440)));
        await WaitUntilOpenAsync(anonymous, cohort.Id);
        await SignInAsync(staff);

        // 1. Pre-registrations through the public API.
        var data = new SeedData(new Random(20_261_202));
        var forms = data.Enrolments(enrolmentCount);
        var phase = Stopwatch.StartNew();
        await ForEachAsync(forms, SeedClients, async form =>
        {
            using var response = await anonymous.PostAsJsonAsync("/api/enrolment/v1/pre-registrations", form.Body(cohort.Id));
            await EnsureAsync(response, HttpStatusCode.Created, "Pre-registration");
        });
        var preRegistrationTime = phase.Elapsed;

        // 2. Partners attest memberships through their API; each attestation re-assesses the organisation's enrolments on the bus.
        phase.Restart();
        var attestations = data.Attestations(forms);
        await ForEachAsync(attestations, 4, async attestation =>
        {
            using var response = await partners[EligibilityRulesOf(attestation.Membership)].PostAsJsonAsync("/api/partners/v1/memberships", new
            {
                siren = attestation.Siren,
                membership = attestation.Membership.ToString(),
                since = attestation.Since,
            });
            await EnsureAsync(response, HttpStatusCode.OK, "Attestation");
        });
        var expected = SeedData.ExpectedEligibility(forms, attestations);
        await WaitForEligibilityAsync(staff, cohort.Id, expected);
        var attestationTime = phase.Elapsed;

        // 3. Staff declare pairs, then decide (API, with the version each decision was built on).
        phase.Restart();
        var rows = await ReadAllAsync(staff, cohort.Id);
        var pairs = data.Pairs(rows);
        await ForEachAsync(pairs, SeedClients, async pair =>
        {
            using var response = await staff.PostAsJsonAsync($"/api/enrolment/v1/enrolments/{pair.First}/pair", new { colleagueEnrolmentId = pair.Second });
            await EnsureAsync(response, HttpStatusCode.OK, "Pair");
        });
        rows = await ReadAllAsync(staff, cohort.Id);
        var plans = data.Decisions(rows);
        // Closing decisions last: a rejection dissolves the pair, which moves the colleague's version.
        foreach (var wave in plans.GroupBy(plan => plan.Steps.Any(step => step.Action == "rejection")).OrderBy(group => group.Key))
        {
            await ForEachAsync(wave.ToList(), SeedClients, plan => DecideAsync(staff, plan));
        }

        var decisionTime = phase.Elapsed;
        seeding.Stop();

        var all = await staff.GetFromJsonAsync<ListPage>($"/api/enrolment/v1/enrolments?cohortId={cohort.Id}&pageSize=1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {all!.Total:N0} enrolments of {forms.Select(form => form.Organisation).Distinct().Count():N0} organisations in one cohort in {seeding.Elapsed.TotalSeconds:F1} s " +
            $"(pre-registrations {preRegistrationTime.TotalSeconds:F1} s, {forms.Count / preRegistrationTime.TotalSeconds:F0}/s over {SeedClients} clients; " +
            $"{attestations.Count:N0} attestations and their re-assessments {attestationTime.TotalSeconds:F1} s; " +
            $"{pairs.Count:N0} pairs and {plans.Sum(plan => plan.Steps.Count):N0} decisions {decisionTime.TotalSeconds:F1} s)"));
        Console.WriteLine("Statuses: " + string.Join(", ", all.Pipeline.Select(status => string.Create(CultureInfo.InvariantCulture, $"{status.Key} {status.Value:N0}"))));
        var eligibility = await Task.WhenAll(Enum.GetValues<EligibilityOutcome>().Select(async outcome =>
            (outcome, (await staff.GetFromJsonAsync<ListPage>($"/api/enrolment/v1/enrolments?cohortId={cohort.Id}&eligibility={outcome}&pageSize=1"))!.Total)));
        Console.WriteLine("Eligibility (overrides included): " + string.Join(", ", eligibility.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.outcome} {e.Total:N0}")))
            + string.Create(CultureInfo.InvariantCulture, $"; overrides {plans.Count(plan => plan.Steps.Any(step => step.Action == "eligibility-override")):N0}"));

        await MeasureAsync(staff, jar, bus, cohort.Id, requests);

        foreach (var client in partners.Values)
        {
            client.Dispose();
        }

        return 0;
    }

    private static async Task MeasureAsync(HttpClient staff, CookieJar jar, IMessageBus bus, Guid cohortId, int requests)
    {
        // The cohort the staff member works on, remembered as the banner's selector does (POST /edition sets this cookie).
        jar.Set(SelectedCohort.CookieName, cohortId.ToString());

        var api = "/api/enrolment/v1/enrolments";
        const string Filter = "etape=PreRegistered&gratuite=AwaitingAttestation";
        const string ApiFilter = "status=PreRegistered&eligibility=AwaitingAttestation";
        List<MeasuredPage> urls =
        [
            new("GET /api/enrolment/v1/open-cohorts (one-query floor)", "/api/enrolment/v1/open-cohorts", null),
            new($"GET /inscriptions?edition={{id}} (first page)", $"/inscriptions?edition={cohortId}", ListTarget),
            new($"GET /inscriptions?edition={{id}}&{Filter}", $"/inscriptions?edition={cohortId}&{Filter}", ListTarget),
            new("GET /inscriptions?edition={id}&recherche=eloise", $"/inscriptions?edition={cohortId}&recherche=eloise", ListTarget),
            new("GET /tableau-de-bord (cookie achats.edition={id})", "/tableau-de-bord", DashboardTarget),
            new($"GET {api}?cohortId={{id}} (API, first page)", $"{api}?cohortId={cohortId}", null),
            new($"GET {api}?cohortId={{id}}&{ApiFilter}", $"{api}?cohortId={cohortId}&{ApiFilter}", null),
            new($"GET {api}?cohortId={{id}}&search=eloise", $"{api}?cohortId={cohortId}&search=eloise", null),
        ];

        var filtered = await staff.GetFromJsonAsync<ListPage>($"{api}?cohortId={cohortId}&{ApiFilter}&pageSize=1");
        var searched = (await staff.GetFromJsonAsync<ListPage>($"{api}?cohortId={cohortId}&search=eloise&pageSize=1"))!.Total;

        var measuredPages = await PageRounds.MeasureAsync(staff, urls, requests);

        // The same reads in process, without HTTP or rendering: what the handlers and their queries cost.
        var inProcess = new (string Label, Func<Task> Query)[]
        {
            ("bus ListCohortChoices (every staff page)", () => bus.InvokeAsync<IReadOnlyList<CohortChoice>>(new ListCohortChoices())),
            ("bus GetDashboard (Enrolment's part of the dashboard)", () => bus.InvokeAsync<EnrolmentDashboard>(new GetDashboard(cohortId))),
            ("bus ListLapsedResignatures (dashboard section, Charter)", () => bus.InvokeAsync<IReadOnlyList<ResignatureLine>>(new ListLapsedResignatures(cohortId))),
            ("bus GetAttendance (dashboard section, Cohorts)", () => bus.InvokeAsync<AttendanceReport>(new GetAttendance(cohortId))),
            ("bus ListEnrolments (first page)", () => bus.InvokeAsync<EnrolmentList>(new ListEnrolments(cohortId, null, null, null, null))),
            ("bus ListEnrolments (PreRegistered, AwaitingAttestation)", () => bus.InvokeAsync<EnrolmentList>(
                new ListEnrolments(cohortId, EnrolmentStatus.PreRegistered, EligibilityOutcome.AwaitingAttestation, null, null))),
        };
        var busLatencies = new List<(string, Latencies)>();
        foreach (var (label, query) in inProcess)
        {
            await Latencies.MeasureAsync(1, 20, _ => query());
            busLatencies.Add((label, await Latencies.MeasureAsync(1, requests, _ => query())));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Staff reads, signed in as programme staff: wall time of each GET on 127.0.0.1 (Kestrel, Release Host, whole body read), one client, {requests} requests per URL after 20 warm-up rounds, {Environment.ProcessorCount} cores"));
        var width = Math.Max(urls.Max(row => row.Label.Length), inProcess.Max(query => query.Label.Length));
        Console.WriteLine($"{"request".PadRight(width)} | {"p50 ms",7} {"p95 ms",7} {"max ms",7} | {"target p95",10} {"met",4} | {"KB",6}");
        Console.WriteLine(new string('-', width) + "-+-" + new string('-', 23) + "-+-" + new string('-', 15) + "-+-" + new string('-', 6));
        foreach (var row in urls)
        {
            var (measured, size) = measuredPages[row];
            Console.WriteLine(PageRounds.Line(row, measured, size, width));
        }

        foreach (var (label, measured) in busLatencies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label.PadRight(width)} | {measured.P50,7:F1} {measured.P95,7:F1} {measured.Max,7:F1} | {"",10} {"",4} | {"",6}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The filtered view matches {filtered!.Total:N0} enrolments; the search \"eloise\" matches {searched:N0} (pages of 50)."));

        try
        {
            await DiagnoseAsync(staff, urls.Where(row => row.Target is not null).Select(row => (row.Label, row.Url)).ToList());
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            Console.WriteLine($"SQL per page: not available ({exception.Message}).");
        }
    }

    /// <summary>
    /// Where a page's time goes: every SQL statement it sends, as Npgsql's tracing reports it (the command until its
    /// reader is done), over 30 requests of each page after the measurement, so that the tracing costs it nothing.
    /// </summary>
    private static async Task DiagnoseAsync(HttpClient staff, IReadOnlyList<(string Label, string Url)> pages)
    {
        const int Requests = 30;
        var statements = new ConcurrentQueue<(string Sql, double Milliseconds)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName;
                statements.Enqueue((sql, activity.Duration.TotalMilliseconds));
            },
        };
        ActivitySource.AddActivityListener(listener);

        Console.WriteLine();
        Console.WriteLine($"SQL per page (Npgsql tracing, {Requests} requests each; the Wolverine agents' own polling left out): statements per request, p50 and p95 ms, the statement");
        foreach (var (label, url) in pages)
        {
            statements.Clear();
            for (var request = 0; request < Requests; request++)
            {
                using var response = await staff.GetAsync(url);
                response.EnsureSuccessStatusCode();
            }

            Console.WriteLine(label);
            foreach (var statement in statements
                .Where(statement => !statement.Sql.Contains("wolverine", StringComparison.OrdinalIgnoreCase))
                .GroupBy(statement => statement.Sql)
                .Select(group => (Sql: group.Key, Count: group.Count(), Times: new Latencies([.. group.Select(s => s.Milliseconds).Order()], TimeSpan.Zero)))
                .OrderByDescending(statement => statement.Times.P50 * statement.Count))
            {
                var sql = Regex.Replace(statement.Sql, @"\s+", " ");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {statement.Count / (double)Requests,4:0.#}x {statement.Times.P50,7:F1} {statement.Times.P95,7:F1}  {(sql.Length > 220 ? sql[..220] + "..." : sql)}"));
            }
        }
    }


    private static OrganisingStructure EligibilityRulesOf(Membership membership) => membership switch
    {
        Membership.LesCanauxGovernance or Membership.LesCanauxBuyersCommunity => OrganisingStructure.LesCanaux,
        Membership.Inec => OrganisingStructure.Inec,
        _ => OrganisingStructure.ObsAR,
    };

    private static async Task DecideAsync(HttpClient staff, DecisionPlan plan)
    {
        var version = plan.Version;
        foreach (var step in plan.Steps)
        {
            for (var attempt = 1; ; attempt++)
            {
                var body = new Dictionary<string, object?>(step.Body) { ["version"] = version };
                using var response = await staff.PostAsJsonAsync($"/api/enrolment/v1/enrolments/{plan.EnrolmentId}/{step.Action}", body);
                if (response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
                {
                    // A colleague's rejection dissolved the pair meanwhile: decide again on the fresh version.
                    version = (await staff.GetFromJsonAsync<EnrolmentRow>($"/api/enrolment/v1/enrolments/{plan.EnrolmentId}"))!.Version;
                    continue;
                }

                await EnsureAsync(response, HttpStatusCode.OK, $"Decision {step.Action}");
                version = (await response.Content.ReadFromJsonAsync<EnrolmentChangedRow>())!.Version;
                break;
            }
        }
    }

    private static async Task<List<EnrolmentRow>> ReadAllAsync(HttpClient staff, Guid cohortId)
    {
        List<EnrolmentRow> rows = [];
        for (var page = 1; ; page++)
        {
            var list = await staff.GetFromJsonAsync<ListPage>($"/api/enrolment/v1/enrolments?cohortId={cohortId}&pageSize=200&page={page}");
            rows.AddRange(list!.Items);
            if (list.Items.Count < 200)
            {
                return rows;
            }
        }
    }

    /// <summary>Attestations re-assess on the durable local queue: wait until the list shows what the rules make of them.</summary>
    private static async Task WaitForEligibilityAsync(HttpClient staff, Guid cohortId, IReadOnlyDictionary<EligibilityOutcome, int> expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var settled = true;
            foreach (var (outcome, count) in expected)
            {
                var list = await staff.GetFromJsonAsync<ListPage>($"/api/enrolment/v1/enrolments?cohortId={cohortId}&eligibility={outcome}&pageSize=1");
                settled &= list!.Total == count;
            }

            if (settled)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException("The re-assessments after the attestations did not settle within 5 minutes: " +
                    string.Join(", ", expected.Select(e => $"{e.Key} expected {e.Value}")));
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilOpenAsync(HttpClient http, Guid cohortId)
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

    /// <summary>Signs in through the real form (antiforgery token included); the jar then carries the session cookie.</summary>
    internal static async Task SignInAsync(HttpClient staff)
    {
        var form = await staff.GetStringAsync("/connexion");
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        }

        using var response = await staff.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = "sign-in",
            ["email"] = StaffEmail,
            ["password"] = StaffPassword,
            ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in refused: {(int)response.StatusCode}");
        }
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int clients, Func<T, Task> operation)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count)
            {
                await operation(items[index]);
            }
        })));
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

}

/// <summary>
/// Cookies by hand: outside Development the session cookie is Secure, which a client's own container never sends
/// back over http://127.0.0.1; the server reads it all the same.
/// </summary>
internal sealed class CookieJar() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
{
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public void Set(string name, string value) => _cookies[name] = value;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_cookies.IsEmpty)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var pair in values.Select(value => value.Split(';', 2)[0]))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                if (value.Length == 0)
                {
                    _cookies.TryRemove(name, out string? _);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }
}

internal sealed record ListPage(List<EnrolmentRow> Items, int Total, Dictionary<string, int> Pipeline);

internal sealed record EnrolmentRow(Guid Id, int Version, string Status, string? EffectiveEligibility, OrganisationRow Organisation, Guid? PairedWith);

internal sealed record OrganisationRow(string Name, string? Siren);

internal sealed record EnrolmentChangedRow(Guid EnrolmentId, int Version);

internal sealed record SeedOrganisation(string Name, OrganisationKind Kind, string? Siren, string? CommuneInseeCode, bool InMetropole, IReadOnlyList<Membership> Declares);

internal sealed record SeedAttestation(string Siren, Membership Membership, DateOnly Since);

internal sealed record SeedPair(Guid First, Guid Second);

internal sealed record DecisionStep(string Action, IReadOnlyDictionary<string, object?> Body);

internal sealed record DecisionPlan(Guid EnrolmentId, int Version, IReadOnlyList<DecisionStep> Steps);

internal sealed record SeedForm(SeedOrganisation Organisation, string FirstName, string LastName, string Email, string Phone, string JobTitle,
    string Profile, IReadOnlyList<Membership> Declared, (string Title, string Category, string[] Themes)? Project)
{
    public Dictionary<string, object?> Body(Guid cohortId) => new()
    {
        ["cohortId"] = cohortId,
        ["participant"] = new { firstName = FirstName, lastName = LastName, email = Email, phone = Phone, jobTitle = JobTitle, profile = Profile },
        ["organisation"] = new { name = Organisation.Name, kind = Organisation.Kind.ToString(), siren = Organisation.Siren, communeInseeCode = Organisation.CommuneInseeCode },
        ["declaredMemberships"] = Declared.Select(membership => membership.ToString()).ToArray(),
        ["project"] = Project is { } project ? new { title = project.Title, category = project.Category, themes = project.Themes } : null,
        ["consentToDataProcessing"] = true,
        ["promotesOwnSolution"] = false,
    };
}

/// <summary>Realistic, reproducible (seeded) people and organisations of the Métropole and around it.</summary>
internal sealed class SeedData(Random random)
{
    private static readonly string[] FirstNames =
    [
        "Éloïse", "Anaïs", "Loïc", "Zoé", "Chloé", "Léa", "Inès", "Maëlle", "Noémie", "Hélène", "Céline", "Amélie", "Gaëlle", "Clémence",
        "Mélanie", "Océane", "Léonie", "Manon", "Camille", "Sophie", "Julie", "Claire", "Nathalie", "Isabelle", "Aurélie", "Élodie",
        "Émilie", "Séverine", "Agnès", "Bérénice", "Joséphine", "Françoise", "Ségolène", "Nadia", "Fatoumata", "Yasmina", "Leïla", "Aïcha",
        "Benoît", "Jérôme", "Stéphane", "Frédéric", "Grégoire", "Hervé", "Gaël", "Noël", "Raphaël", "Mathéo", "Théo", "Léo",
        "Jean-François", "François", "Sébastien", "Rémi", "Jérémy", "Cédric", "Aurélien", "Maxime", "Julien", "Thomas", "Nicolas",
        "Antoine", "Karim", "Mehdi", "Moussa", "Mamadou", "Wei", "Joël", "Anaël", "Héloïse", "Éloi", "Marie-Thérèse", "Pauline", "Lucie",
    ];

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèbvre",
        "Michel", "García", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont",
        "Lambert", "Bonnet", "François", "Martínez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Müller", "Henry",
        "Roussel", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
        "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roche", "Noël", "Meyer", "Meunier", "Pérez", "Marchand",
        "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Schmitt", "Leroux", "Colin", "Renard", "Arnaud", "Caron", "Aubert", "Giraud",
        "Leclerc", "Vidal", "Bourgeois", "Lemoine", "Picard", "Gaillard", "Lacroix", "Chéreau", "Benhamou", "Traoré", "Diallo", "N'Diaye",
        "Le Gall", "Kervella", "Hoarau", "Côté", "Lévêque", "Béranger", "Da Silva", "Hadj-Saïd", "Ÿvelin", "Œuvray",
    ];

    private static readonly (string Insee, string Name)[] MetropoleCommunes =
    [
        ("75056", "Paris"), ("93048", "Montreuil"), ("92012", "Boulogne-Billancourt"), ("93066", "Saint-Denis"), ("94028", "Créteil"),
        ("92050", "Nanterre"), ("94081", "Vitry-sur-Seine"), ("93001", "Aubervilliers"), ("92004", "Asnières-sur-Seine"), ("92026", "Courbevoie"),
        ("92025", "Colombes"), ("92040", "Issy-les-Moulineaux"), ("92044", "Levallois-Perret"), ("92051", "Neuilly-sur-Seine"), ("92062", "Puteaux"),
        ("92063", "Rueil-Malmaison"), ("92073", "Suresnes"), ("92049", "Montrouge"), ("92002", "Antony"), ("92023", "Clamart"),
        ("93005", "Aulnay-sous-Bois"), ("93007", "Le Blanc-Mesnil"), ("93008", "Bobigny"), ("93010", "Bondy"), ("93029", "Drancy"),
        ("93031", "Épinay-sur-Seine"), ("93045", "Les Lilas"), ("93053", "Noisy-le-Sec"), ("93055", "Pantin"), ("93064", "Rosny-sous-Bois"),
        ("93070", "Saint-Ouen-sur-Seine"), ("93051", "Noisy-le-Grand"), ("94002", "Alfortville"), ("94016", "Cachan"), ("94033", "Fontenay-sous-Bois"),
        ("94041", "Ivry-sur-Seine"), ("94046", "Maisons-Alfort"), ("94052", "Nogent-sur-Marne"), ("94067", "Saint-Mandé"), ("94068", "Saint-Maur-des-Fossés"),
        ("94069", "Saint-Maurice"), ("94080", "Vincennes"), ("94076", "Villejuif"), ("94017", "Champigny-sur-Marne"), ("95018", "Argenteuil"),
        ("91027", "Athis-Mons"), ("75111", "Paris 11e"), ("75120", "Paris 20e"),
    ];

    private static readonly (string Insee, string Name)[] OtherCommunes =
    [
        ("78646", "Versailles"), ("77284", "Meaux"), ("95127", "Cergy"), ("69123", "Lyon"), ("13055", "Marseille"), ("33063", "Bordeaux"),
        ("59350", "Lille"), ("91228", "Évry-Courcouronnes"),
    ];

    private static readonly (string Name, string Insee)[] Territories =
    [
        ("Métropole du Grand Paris", "75056"), ("Établissement public territorial Est Ensemble", "93055"), ("Plaine Commune", "93066"),
        ("Paris Terres d'Envol", "93005"), ("Grand Paris Seine Ouest", "92040"), ("Vallée Sud Grand Paris", "92002"),
        ("Paris Est Marne & Bois", "94068"), ("Grand-Orly Seine Bièvre", "94081"), ("Boucle Nord de Seine", "92004"),
    ];

    private static readonly string[] PublicBodies =
    [
        "Centre hospitalier de {0}", "Office public de l'habitat de {0}", "Centre communal d'action sociale de {0}", "Lycée Jean-Jaurès de {0}",
        "Syndicat intercommunal de restauration de {0}", "Caisse des écoles de {0}", "Collège Louise-Michel de {0}", "Conservatoire de {0}",
        "Régie des eaux de {0}", "Médiathèque intercommunale de {0}",
    ];

    private static readonly string[] Companies =
    [
        "{0} Bâtiment", "{0} et Fils", "Groupe {0}", "{0} Traiteur", "{0} Informatique", "{0} Mobilier de bureau", "Transports {0}",
        "{0} Énergies", "{0} Conseil", "Nettoyage {0} SARL", "Imprimerie {0}", "{0} Paysages",
    ];

    private static readonly string[] Associations =
    [
        "Ressourcerie de {0}", "Régie de quartier de {0}", "Les Jardins de {0}", "Emmaüs {0}", "Atelier d'insertion de {0}",
        "Recyclerie solidaire de {0}", "Coopérative d'activité de {0}", "Envie {0}",
    ];

    private static readonly string[] Others = ["Fondation {0}", "Mutuelle {0}", "Chambre des métiers de {0}", "Cabinet {0}"];

    private static readonly string[] JobTitles =
    [
        "Acheteuse publique", "Acheteur", "Responsable des achats", "Directrice de la commande publique", "Chargé de mission RSE",
        "Responsable développement durable", "Élue déléguée à l'économie circulaire", "Adjoint au maire", "Prescriptrice technique",
        "Responsable des services généraux", "Juriste marchés publics", "Directeur administratif et financier", "Cheffe de projet achats responsables",
    ];

    private static readonly (string Title, string Category)[] Projects =
    [
        ("Restauration scolaire bio et locale", "Catering"), ("Réemploi du mobilier de bureau", "Furniture"),
        ("Reconditionnement du parc informatique", "ItEquipment"), ("Nettoyage des locaux par une entreprise d'insertion", "Cleaning"),
        ("Vêtements de travail en fibres recyclées", "Textiles"), ("Réhabilitation d'école avec matériaux de réemploi", "ConstructionAndPublicWorks"),
        ("Collecte et valorisation des biodéchets", "WasteManagement"), ("Entretien des espaces verts en insertion", "GreenSpaces"),
        ("Événements zéro déchet", "Events"), ("Fournitures de bureau reconditionnées", "OfficeSupplies"), ("Flotte de vélos cargo", "VehiclesAndMobility"),
    ];

    private readonly Dictionary<string, SeedOrganisation> _communes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _publicSiren = 21_000_000;
    private int _privateSiren = 38_000_000;
    private int _associationSiren = 78_000_000;

    /// <summary>N pre-registrations: organisations with one to dozens of enrolments each, shuffled so that their submissions interleave.</summary>
    public List<SeedForm> Enrolments(int count)
    {
        List<SeedOrganisation> slots = [];
        while (slots.Count < count)
        {
            var organisation = NextOrganisation();
            var enrolments = organisation.Kind == OrganisationKind.CommuneEptOrMetropole ? random.Next(4, 26) : Weighted((1, 45), (2, 30), (3, 15), (4, 7), (6, 3));
            slots.AddRange(Enumerable.Repeat(organisation, enrolments));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slots));
        return slots.Take(count).Select((organisation, index) => Form(organisation, index)).ToList();
    }

    /// <summary>Partners attest most declared memberships (not all: some wait), and a few that nobody declared.</summary>
    public List<SeedAttestation> Attestations(IReadOnlyList<SeedForm> forms)
    {
        List<SeedAttestation> attestations = [];
        foreach (var organisation in forms.Select(form => form.Organisation).Distinct().Where(organisation => organisation.Siren is not null))
        {
            foreach (var membership in organisation.Declares.Where(_ => random.NextDouble() < 0.6))
            {
                attestations.Add(new SeedAttestation(organisation.Siren!, membership, Since()));
            }

            if (organisation.Declares.Count == 0 && organisation.Kind == OrganisationKind.PrivateCompany && random.NextDouble() < 0.05)
            {
                attestations.Add(new SeedAttestation(organisation.Siren!, Membership.Inec, Since()));
            }
        }

        return attestations;
    }

    /// <summary>What the rules make of the seed once every attestation is known: free, awaiting a partner, or neither.</summary>
    public static Dictionary<EligibilityOutcome, int> ExpectedEligibility(IReadOnlyList<SeedForm> forms, IReadOnlyList<SeedAttestation> attestations)
    {
        var attested = attestations.ToLookup(attestation => attestation.Siren, attestation => attestation.Membership);
        return forms.Select(form =>
            {
                var publicBody = form.Organisation.Kind is OrganisationKind.CommuneEptOrMetropole or OrganisationKind.OtherPublicBody;
                var memberships = form.Organisation.Siren is { } siren ? attested[siren].ToList() : [];
                return (publicBody && form.Organisation.InMetropole) || memberships.Count > 0 ? EligibilityOutcome.Free
                    : form.Declared.Except(memberships).Any() ? EligibilityOutcome.AwaitingAttestation
                    : EligibilityOutcome.MembershipRequired;
            })
            .GroupBy(outcome => outcome)
            .ToDictionary(group => group.Key, group => group.Count());
    }

    /// <summary>Colleagues who come as a pair: the first two enrolments of about half the organisations that have several.</summary>
    public List<SeedPair> Pairs(IReadOnlyList<EnrolmentRow> rows) => rows
        .Where(row => row.Organisation.Siren is not null)
        .GroupBy(row => row.Organisation.Siren)
        .Where(group => group.Count() >= 2 && random.NextDouble() < 0.5)
        .SelectMany(group => group.Chunk(2).Where(chunk => chunk.Length == 2).Take(group.Count() >= 6 ? 2 : 1))
        .Select(chunk => new SeedPair(chunk[0].Id, chunk[1].Id))
        .ToList();

    /// <summary>Staff at work: validations, rejections, questions, overrides, as the eligibility invites them.</summary>
    public List<DecisionPlan> Decisions(IReadOnlyList<EnrolmentRow> rows)
    {
        var validate = new DecisionStep("validation", new Dictionary<string, object?> { ["note"] = "Dossier complet." });
        var reject = new DecisionStep("rejection", new Dictionary<string, object?> { ["reason"] = "Le projet d'achat ne relève pas du programme cette année." });
        var ask = new DecisionStep("information-requests", new Dictionary<string, object?> { ["question"] = "Pouvez-vous préciser le montant et le calendrier de votre projet d'achat ?" });
        var free = new DecisionStep("eligibility-override", new Dictionary<string, object?> { ["free"] = true, ["reason"] = "Adhésion confirmée par courriel du partenaire, attestation à suivre." });
        var paying = new DecisionStep("eligibility-override", new Dictionary<string, object?> { ["free"] = false, ["reason"] = "Structure hors du périmètre de la gratuité, confirmé avec la direction." });
        List<DecisionPlan> plans = [];
        foreach (var row in rows)
        {
            var draw = random.NextDouble();
            DecisionStep[] steps = row.EffectiveEligibility switch
            {
                nameof(EligibilityOutcome.Free) => draw switch
                {
                    < 0.30 => [validate],
                    < 0.38 => [reject],
                    < 0.46 => [ask],
                    _ => [],
                },
                nameof(EligibilityOutcome.AwaitingAttestation) => draw switch
                {
                    < 0.12 => [free, validate],
                    < 0.18 => [free],
                    < 0.23 => [ask],
                    < 0.27 => [reject],
                    _ => [],
                },
                _ => draw switch
                {
                    < 0.25 => [reject],
                    < 0.33 => [free, validate],
                    < 0.38 => [paying],
                    < 0.43 => [ask],
                    _ => [],
                },
            };
            if (steps.Length > 0)
            {
                plans.Add(new DecisionPlan(row.Id, row.Version, steps));
            }
        }

        return plans;
    }

    private SeedOrganisation NextOrganisation()
    {
        switch (Weighted((0, 6), (1, 22), (2, 40), (3, 28), (4, 4)))
        {
            case 0:
                if (random.NextDouble() < 0.15)
                {
                    var (name, insee) = Pick(Territories);
                    return Commune(name, insee, inMetropole: true);
                }

                var outside = random.NextDouble() < 0.12;
                var commune = outside ? Pick(OtherCommunes) : Pick(MetropoleCommunes);
                return Commune($"Ville de {commune.Name}", commune.Insee, !outside);
            case 1:
            {
                var outsideBody = random.NextDouble() < 0.15;
                var commune2 = outsideBody ? Pick(OtherCommunes) : Pick(MetropoleCommunes);
                var declares = outsideBody && random.NextDouble() < 0.4 ? Some(Membership.Inec, Membership.ObsAR) : [];
                return New(string.Format(CultureInfo.InvariantCulture, Pick(PublicBodies), commune2.Name), OrganisationKind.OtherPublicBody,
                    Siren(ref _publicSiren), commune2.Insee, !outsideBody, declares);
            }

            case 2:
            {
                var declares = random.NextDouble() < 0.55 ? Some(Membership.Inec, Membership.ObsAR) : [];
                var insee = random.NextDouble() < 0.7 ? Pick(MetropoleCommunes).Insee : null;
                return New(string.Format(CultureInfo.InvariantCulture, Pick(Companies), Pick(LastNames)), OrganisationKind.PrivateCompany,
                    Siren(ref _privateSiren), insee, insee is not null, declares);
            }

            case 3:
            {
                var hasSiren = random.NextDouble() < 0.9;
                var declares = hasSiren && random.NextDouble() < 0.65
                    ? Some(Membership.LesCanauxBuyersCommunity, Membership.LesCanauxGovernance, Membership.ObsAR)
                    : [];
                var commune3 = Pick(MetropoleCommunes);
                return New(string.Format(CultureInfo.InvariantCulture, Pick(Associations), commune3.Name), OrganisationKind.AssociationOrSocialEnterprise,
                    hasSiren ? Siren(ref _associationSiren) : null, commune3.Insee, true, declares);
            }

            default:
            {
                var hasSiren = random.NextDouble() < 0.5;
                return New(string.Format(CultureInfo.InvariantCulture, Pick(Others), Pick(LastNames)), OrganisationKind.Other,
                    hasSiren ? Siren(ref _privateSiren) : null, null, false, hasSiren && random.NextDouble() < 0.3 ? [Membership.ObsAR] : []);
            }
        }
    }

    private SeedOrganisation Commune(string name, string insee, bool inMetropole)
    {
        if (!_communes.TryGetValue(name, out var commune))
        {
            commune = new SeedOrganisation(name, OrganisationKind.CommuneEptOrMetropole, Siren(ref _publicSiren), insee, inMetropole,
                !inMetropole && random.NextDouble() < 0.3 ? [Membership.Inec] : []);
            _communes[name] = commune;
        }

        return commune;
    }

    private SeedOrganisation New(string name, OrganisationKind kind, string? siren, string? insee, bool inMetropole, IReadOnlyList<Membership> declares)
    {
        // Two organisations of one name are two organisations all the same (a SIREN each); the seed keeps names apart for reading.
        var unique = name;
        for (var suffix = 2; !_names.Add(unique); suffix++)
        {
            unique = $"{name} ({suffix})";
        }

        return new SeedOrganisation(unique, kind, siren, insee, inMetropole, declares);
    }

    private SeedForm Form(SeedOrganisation organisation, int index)
    {
        var (first, last) = (Pick(FirstNames), Pick(LastNames));
        var domain = new string(Fold(organisation.Name).Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
        var profile = organisation.Kind switch
        {
            OrganisationKind.CommuneEptOrMetropole or OrganisationKind.OtherPublicBody =>
                Weighted((nameof(Profile.PublicBuyer), 50), (nameof(Profile.Prescriber), 25), (nameof(Profile.ElectedOfficial), 15), (nameof(Profile.CsrOfficer), 10)),
            OrganisationKind.PrivateCompany => Weighted((nameof(Profile.PrivateBuyer), 50), (nameof(Profile.CsrOfficer), 25), (nameof(Profile.Prescriber), 25)),
            _ => Weighted((nameof(Profile.PrivateBuyer), 30), (nameof(Profile.Prescriber), 40), (nameof(Profile.CsrOfficer), 30)),
        };
        (string, string, string[])? project = null;
        if (random.NextDouble() < 0.85)
        {
            var (title, category) = Pick(Projects);
            project = (title, category, Weighted<string[]>((["Circular"], 40), (["Solidarity"], 25), (["Circular", "Solidarity"], 35)));
        }

        return new SeedForm(organisation, first, last,
            $"{Slug(first)}.{Slug(last)}.{index.ToString(CultureInfo.InvariantCulture)}@{domain}.fr",
            string.Create(CultureInfo.InvariantCulture, $"0{random.Next(1, 10)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}"),
            Pick(JobTitles), profile,
            random.NextDouble() < 0.85 ? organisation.Declares : [],
            project);
    }

    private DateOnly Since() => TimeProvider.System.TodayInParis().AddDays(-random.Next(30, 1500));

    private List<Membership> Some(params Membership[] memberships)
    {
        var chosen = memberships.Where(_ => random.NextDouble() < 0.45).ToList();
        return chosen.Count > 0 ? chosen : [Pick(memberships)];
    }

    private string Siren(ref int counter)
    {
        counter += random.Next(1, 40);
        var body = counter.ToString("D8", CultureInfo.InvariantCulture);
        return Enumerable.Range(0, 10).Select(check => body + check.ToString(CultureInfo.InvariantCulture)).First(Achats.Shared.France.Siren.IsValid);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var draw = random.Next(choices.Sum(choice => choice.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((draw -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static string Slug(string text) => new(Fold(text).Where(char.IsAsciiLetterOrDigit).ToArray());

    private static string Fold(string text) => new string(text.Normalize(NormalizationForm.FormD)
        .Where(character => CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark).ToArray())
        .Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "Oe", StringComparison.Ordinal).ToLowerInvariant();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Achats.Enrolment.Enrolments;
using Achats.Host.Database;
using Achats.Host.Tests.Enrolment;
using Achats.Host.Tests.Hosting;
using Achats.Shared.Access;
using Achats.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// The Release host as a process, on a PostgreSQL of its own (never the test run's shared server), under a stream of
/// pre-registrations from a few clients while that server is stopped (<c>pg_ctl stop -m fast</c>) and started again:
/// 503 with <c>Retry-After</c> meanwhile, in French, on every path; every acknowledged write kept once; the
/// service back by itself.
/// </summary>
public sealed partial class DatabaseOutageTests : IAsyncLifetime
{
    private const int Clients = 4;
    private const string FrenchPage = "<html lang=\"fr\"";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // The issue's bound for coming back by itself; normally a second or two.
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "achats-outage-tests", Guid.CreateVersion7().ToString("N"));
    private EmbeddedPostgres? _postgres;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private EmbeddedPostgres Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() =>
        _postgres = await EmbeddedPostgres.StartAsync(Path.Combine(_folder, "postgres"), binDirectory: null, AchatsDatabase.DatabaseName, _ => { }, Cancellation);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Stopping_PostgreSQL_under_load_answers_503_to_retry_keeps_every_acknowledged_write_and_recovers_by_itself()
    {
        var hostDll = await RunningTheHostTests.ReleaseBuildAsync();
        var connectionString = Postgres.ConnectionStringFor(AchatsDatabase.DatabaseName);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Achats"] = connectionString,
            ["Email__Folder"] = Path.Combine(_folder, "emails"),
            // One client address posts far more than a person would: the rate limit is not what is tested here.
            ["PublicForms__PermitsPerMinute"] = "1000000",
        };
        await RunningTheHostTests.CreateAdministratorAsync(hostDll, environment);
        await using var host = HostProcess.Start(hostDll, environment);
        (await host.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(host.Output);
        var cohortName = $"Édition {Guid.CreateVersion7():N}";
        await RunningTheHostTests.PlanCohortAsStaffAsync(host, cohortName);
        var cohortId = await OpenCohortIdEventuallyAsync(host.Client, cohortName);
        using var staff = host.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, RunningTheHostTests.AdministratorEmail);
        var issued = await staff.PostAsJsonAsync("/api/access/v1/partner-keys", new { partner = "Inec", scopes = new[] { PartnerScope.ReadCatalogue }, label = "INEC" }, Cancellation);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync(Cancellation));
        using var partner = host.CreateBrowserClient();
        partner.DefaultRequestHeaders.Authorization = new("ApiKey", (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("key").GetString());
        // Forms opened before the outage and sent during it, as a person would.
        using var visitor = host.CreateBrowserClient();
        var preRegistrationForm = PreRegistrationPageTests.Fields(await visitor.GetStringAsync("/inscription", Cancellation), cohortId);
        using var stranger = host.CreateBrowserClient();
        var signInToken = AntiforgeryToken().Match(await stranger.GetStringAsync("/connexion", Cancellation)).Groups;

        var load = new Load(host.Client, cohortId);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => load.RunAsync(stopLoad.Token))).ToArray();

        (await load.WaitForAsync(answers => answers.Count(a => a.Status == 202) >= 20, TimeSpan.FromSeconds(60))).ShouldBeTrue(host.Output);
        var outage = Stopwatch.StartNew();
        var stoppedAt = load.Elapsed;
        await Postgres.StopAsync(Cancellation);
        (await load.WaitForAsync(answers => answers.Count(a => a.Status == 503 && a.SentAt > stoppedAt) >= 20, TimeSpan.FromSeconds(30)))
            .ShouldBeTrue("no 503 while PostgreSQL is stopped: " + load.Summary());
        var paths = await EveryPathDuringTheOutageAsync(host, staff, partner, visitor, preRegistrationForm, stranger, signInForm:
        [
            new(signInToken["name"].Value, WebUtility.HtmlDecode(signInToken["value"].Value)),
            new("_handler", "sign-in"),
            new("email", RunningTheHostTests.AdministratorEmail),
            new("password", StaffSignIn.Password),
        ]);
        await Postgres.StartAgainAsync(Cancellation);
        outage.Stop();

        var restartedAt = load.Elapsed;
        (await load.WaitForAsync(answers => answers.Any(a => a.Status == 202 && a.SentAt > restartedAt), RecoveryBound + TimeSpan.FromSeconds(15)))
            .ShouldBeTrue("the service did not come back: " + load.Summary());
        var recovery = load.Answers.Where(a => a.Status == 202 && a.SentAt > restartedAt).Min(a => a.SentAt + a.Took) - restartedAt;
        var backAt = load.Elapsed;
        (await load.WaitForAsync(answers => answers.Count(a => a.Status == 202 && a.SentAt > backAt) >= 20, TimeSpan.FromSeconds(30))).ShouldBeTrue(load.Summary());
        await stopLoad.CancelAsync();
        await Task.WhenAll(clients);

        var answers = load.Answers;
        var acknowledged = answers.Where(a => a.Status == 202).ToList();
        var unavailable = answers.Where(a => a.Status == 503).ToList();
        TestContext.Current.SendDiagnosticMessage(
            $"Database outage: PostgreSQL stopped {outage.Elapsed.TotalSeconds:F1} s; {answers.Count} pre-registrations sent by {Clients} clients, " +
            $"{acknowledged.Count} acknowledged (202), {unavailable.Count} answered 503; first acknowledged write {recovery.TotalSeconds:F2} s after PostgreSQL restarted; " +
            $"paths checked during the outage: {string.Join(", ", paths)}; failures the host met: {OutageCauses(host.Output)}.");

        answers.Where(a => a.Status is not (202 or 503)).ShouldBeEmpty(load.Summary());
        unavailable.ShouldAllBe(a => a.RetryAfter && a.French, "every 503 says when to retry, in French");
        recovery.ShouldBeLessThan(RecoveryBound);
        var stored = await PreRegistrationsStoredAsync(connectionString, acknowledged.Select(a => Registrant.IdOf(cohortId, a.Email!)).ToArray());
        acknowledged.Where(a => stored.GetValueOrDefault(Registrant.IdOf(cohortId, a.Email!)) != 1)
            .ShouldBeEmpty("every acknowledged pre-registration is stored exactly once");
        host.Output.ShouldNotContain("Unexpected failure while handling the request");

        // Back whole: ready again, and the durable queues between modules carry messages again.
        (await host.WaitUntilReadyAsync(RecoveryBound)).ShouldBeTrue(host.Output);
        var afterwards = $"Édition {Guid.CreateVersion7():N}";
        await RunningTheHostTests.PlanCohortAsStaffAsync(host, afterwards);
        await OpenCohortIdEventuallyAsync(host.Client, afterwards);
    }

    /// <summary>API queries and commands, a signed-in session (its stamp is checked on each request), pages, the public form, sign-in, readiness.</summary>
    private static async Task<IReadOnlyList<string>> EveryPathDuringTheOutageAsync(HostProcess host, HttpClient staff, HttpClient partner,
        HttpClient visitor, List<KeyValuePair<string, string>> preRegistrationForm, HttpClient stranger, List<KeyValuePair<string, string>> signInForm)
    {
        var checkedPaths = new List<string>();

        async Task ExpectProblemAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await client.SendAsync(request, Cancellation);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{method} {path}: {body}");
            response.Headers.RetryAfter.ShouldNotBeNull($"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", $"{method} {path}");
            JsonDocument.Parse(body).RootElement.GetProperty("title").GetString().ShouldBe("Service indisponible");
            checkedPaths.Add($"{method} {path}");
        }

        async Task ExpectPageAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await client.SendAsync(request, Cancellation);
            var page = await response.Content.ReadAsStringAsync(Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{method} {path}: {page}");
            response.Headers.RetryAfter.ShouldNotBeNull($"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", $"{method} {path}");
            page.ShouldContain(FrenchPage);
            page.ShouldContain("Service momentanément indisponible");
            checkedPaths.Add($"{method} {path} (page)");
        }

        await ExpectProblemAsync(host.Client, HttpMethod.Get, "/api/enrolment/v1/open-cohorts");
        await ExpectProblemAsync(staff, HttpMethod.Get, "/api/enrolment/v1/enrolments");
        await ExpectProblemAsync(staff, HttpMethod.Post, "/api/cohorts/v1/cohorts", JsonContent.Create(new { name = "Pendant la panne" }));
        await ExpectProblemAsync(partner, HttpMethod.Get, "/api/partners/v1/me");
        await ExpectPageAsync(staff, HttpMethod.Get, "/");
        await ExpectPageAsync(staff, HttpMethod.Get, "/inscriptions");
        await ExpectPageAsync(host.Client, HttpMethod.Get, "/inscription");
        await ExpectPageAsync(visitor, HttpMethod.Post, "/inscription", new FormUrlEncodedContent(preRegistrationForm));
        await ExpectPageAsync(stranger, HttpMethod.Post, "/connexion", new FormUrlEncodedContent(signInForm));

        using var ready = await host.Client.GetAsync("/health/ready", Cancellation);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        checkedPaths.Add("GET /health/ready");
        using var live = await host.Client.GetAsync("/health/live", Cancellation);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        checkedPaths.Add("GET /health/live");
        return checkedPaths;
    }

    /// <summary>The kinds of failure the host answered 503 to, counted, from its warnings.</summary>
    private static string OutageCauses(string output) => string.Join(", ", OutageWarning().Matches(output)
        .Where(match => !match.Groups["kind"].Value.StartsWith('{'))
        .GroupBy(match => match.Groups["kind"].Value).Select(group => $"{group.Key} ×{group.Count()}"));

    [GeneratedRegex(@"answered 503 \((?<kind>[^)]+)\)")]
    private static partial Regex OutageWarning();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static async Task<Guid> OpenCohortIdEventuallyAsync(HttpClient client, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var cohorts = await client.GetFromJsonAsync<JsonElement[]>("/api/enrolment/v1/open-cohorts", Cancellation);
            if (cohorts!.FirstOrDefault(cohort => cohort.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found)
            {
                return found.GetProperty("id").GetGuid();
            }

            await Task.Delay(50, Cancellation);
        }

        throw new ShouldAssertException($"Enrolment never learnt of the cohort {name}.");
    }

    /// <summary>How many pre-registration events each enrolment's stream holds.</summary>
    /// <summary>
    /// For each address's registrant (one per address and cohort, its key unique), how many pre-registration events its
    /// enrolment holds: the public answer names no enrolment (ADR 0043), so the address leads to it.
    /// </summary>
    private static async Task<Dictionary<string, int>> PreRegistrationsStoredAsync(string connectionString, string[] registrantIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancellation);
        await using var count = new NpgsqlCommand(
            "select r.id, count(e.*) from enrolment.mt_doc_registrant r join events.mt_events e " +
            "on e.stream_id = (r.data ->> 'EnrolmentId')::uuid or e.stream_id = (r.data ->> 'enrolmentId')::uuid " +
            "where r.id = any($1) and e.type = 'enrolment.pre_registration_submitted' group by r.id",
            connection)
        {
            Parameters = { new NpgsqlParameter { Value = registrantIds } },
        };
        var stored = new Dictionary<string, int>();
        await using var reader = await count.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            stored[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return stored;
    }

    private sealed record Answer(int Status, TimeSpan SentAt, TimeSpan Took, bool RetryAfter, bool French, string? Email, string? Failure);

    /// <summary>Clients posting pre-registrations one after another, each with a new email; every answer recorded.</summary>
    private sealed class Load(HttpClient client, Guid cohortId)
    {
        private readonly ConcurrentQueue<Answer> _answers = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public TimeSpan Elapsed => _clock.Elapsed;

        public IReadOnlyList<Answer> Answers => [.. _answers];

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var sentAt = _clock.Elapsed;
                try
                {
                    var email = $"camille.{Guid.CreateVersion7():N}@entreprise.test";
                    using var request = new HttpRequestMessage(HttpMethod.Post, EnrolmentDriver.PreRegistrations)
                    {
                        Content = JsonContent.Create(EnrolmentDriver.Form(cohortId, Sirens.Next(), email)),
                    };
                    request.Headers.Add("Idempotency-Key", Guid.CreateVersion7().ToString());
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    var status = (int)response.StatusCode;
                    _answers.Enqueue(new Answer(
                        status,
                        sentAt,
                        _clock.Elapsed - sentAt,
                        response.Headers.RetryAfter is not null,
                        body.Contains("Service indisponible", StringComparison.Ordinal),
                        status == 202 ? email : null,
                        status is 202 or 503 ? null : body));
                }
                catch (HttpRequestException failure)
                {
                    _answers.Enqueue(new Answer(0, sentAt, _clock.Elapsed - sentAt, false, false, null, failure.Message));
                }
            }
        }

        public async Task<bool> WaitForAsync(Func<IReadOnlyList<Answer>, bool> condition, TimeSpan timeout)
        {
            var deadline = _clock.Elapsed + timeout;
            while (_clock.Elapsed < deadline)
            {
                if (condition(Answers))
                {
                    return true;
                }

                await Task.Delay(50, Cancellation);
            }

            return condition(Answers);
        }

        public string Summary() => string.Join("; ", Answers.GroupBy(a => a.Status).Select(group =>
            $"{group.Key}×{group.Count()}{(group.First().Failure is { } failure ? $" ({failure[..Math.Min(300, failure.Length)]})" : "")}"));
    }
}

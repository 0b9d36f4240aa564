using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Achats.Host.Tests.Enrolment;
using Achats.Host.Tests.Hosting;
using Achats.Shared.Time;
using Achats.Testing;
using MimeKit;
using Npgsql;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// The Release host run as operators run it, on a database and an email folder of its own, and a programme
/// driven through it as staff and participants do: pre-registrations, validations (Charter then emails a
/// signing link), signatures on paper (Enrolment then admits, Cohorts puts the participant on the roster).
/// Keeps what the host acknowledged; reads back what it stored, emailed and put on the roster.
/// </summary>
internal sealed class ProgrammeUnderLoad : IAsyncDisposable
{
    private const int Workers = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _connectionString;
    private readonly string _emailFolder = Path.Combine(Path.GetTempPath(), "achats-reliability", Guid.CreateVersion7().ToString("N"));
    private readonly string _staffEmail = $"equipe.{Guid.CreateVersion7():N}@achats.test";

    private readonly ConcurrentDictionary<Guid, string> _preRegistered = new();
    private readonly ConcurrentDictionary<Guid, bool> _validated = new();
    private readonly ConcurrentDictionary<Guid, bool> _signed = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    private ProgrammeUnderLoad(string connectionString) => _connectionString = connectionString;

    public Guid CohortId { get; private set; }

    public int PreRegistrations => _preRegistered.Count;

    public int Validations => _validated.Count;

    public int Signatures => _signed.Count;

    /// <summary>Answers the host gave that no client should ever get (a 5xx, a refusal of a valid request).</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    private string HostDll { get; } = HostProcess.HostDll("Release");

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__Achats"] = _connectionString,
        ["Email__Folder"] = _emailFolder,
        // The load comes from one address: the public forms' budget per address would refuse most of it.
        ["PublicForms__PermitsPerMinute"] = "1000000",
        // What Wolverine's nodes did and when, for a recovery that took too long.
        ["Logging__LogLevel__Wolverine"] = "Information",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>A fresh database with an administrator, a staff account, a cohort open today and its charter published.</summary>
    public static async Task<ProgrammeUnderLoad> PrepareAsync(PostgresServer postgres)
    {
        await RunningTheHostTests.ReleaseBuildAsync();
        var programme = new ProgrammeUnderLoad(await postgres.CreateDatabaseAsync());
        await RunningTheHostTests.CreateAdministratorAsync(programme.HostDll, programme.Environment);
        await using var host = await programme.StartAsync();
        using (var administrator = host.CreateBrowserClient())
        {
            await StaffSignIn.SignInAsync(administrator, RunningTheHostTests.AdministratorEmail);
            await Expect(await administrator.PostAsJsonAsync("/api/access/v1/staff-accounts", new
            {
                email = programme._staffEmail, displayName = "Équipe MGP", role = "ProgrammeStaff", organisation = "Mgp", password = StaffSignIn.Password,
            }), HttpStatusCode.Created);
        }

        using var staff = await programme.SignedInAsync(host);
        var today = TimeProvider.System.TodayInParis();
        var planned = await staff.PostAsJsonAsync("/api/cohorts/v1/cohorts", new
        {
            name = $"Édition {Guid.CreateVersion7():N}", registrationOpensOn = today.AddDays(-1), registrationClosesOn = today.AddDays(20),
            startsOn = today.AddDays(30), endsOn = today.AddDays(395),
        });
        programme.CohortId = (await Expect(planned, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Expect(await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{programme.CohortId}/draft", new
        {
            title = "Charte d'engagement", body = "Les participants s'engagent.", commitments = new[] { "Participer aux séances plénières." },
        }), HttpStatusCode.OK);
        await Expect(await staff.PostAsync($"/api/charter/v1/cohorts/{programme.CohortId}/versions", null), HttpStatusCode.Created);
        await programme.WaitUntilOpenAsync(host);
        return programme;
    }

    public async Task<HostProcess> StartAsync()
    {
        var host = HostProcess.Start(HostDll, Environment);
        if (!await host.WaitUntilReadyAsync(StartTimeout))
        {
            throw new InvalidOperationException($"The host did not become ready:\n{host.Output}");
        }

        return host;
    }

    /// <summary>What the host logged about its Wolverine node: leadership, agents, ejected nodes, recovered messages.</summary>
    public static string NodeLog(HostProcess host) => string.Join('\n', host.Output.Split('\n')
        .Where(line => line.Contains("Wolverine", StringComparison.Ordinal) || line.Contains("node", StringComparison.OrdinalIgnoreCase))
        .TakeLast(60));

    public async Task<HttpClient> SignedInAsync(HostProcess host)
    {
        var staff = host.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, _staffEmail);
        return staff;
    }

    /// <summary>
    /// Runs the workers against <paramref name="host"/> until <paramref name="enough"/> says so (at most a minute),
    /// then kills it with SIGKILL while they still send. Returns once every worker has seen the host die.
    /// </summary>
    public async Task LoadThenKillAsync(HostProcess host, Func<Task<bool>> enough)
    {
        var staff = new List<HttpClient>();
        for (var worker = 0; worker < Workers; worker++)
        {
            staff.Add(await SignedInAsync(host));
        }

        var workers = staff.Select(client => Task.Run(() => WorkAsync(host, client))).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !workers.Any(worker => worker.IsCompleted) && !await enough())
        {
            await Task.Delay(20);
        }

        host.Kill();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
        staff.ForEach(client => client.Dispose());
    }

    /// <summary>One participant after another: pre-registered, validated, then signed on paper once Charter has the file.</summary>
    private async Task WorkAsync(HostProcess host, HttpClient staff)
    {
        var toSign = new Queue<Guid>();
        try
        {
            // Bounded: a host refusing everything ends the run with what it answered.
            while (_unexpected.Count < 20)
            {
                var email = $"camille.{Guid.CreateVersion7():N}@commune.test";
                var form = EnrolmentDriver.Form(CohortId, Sirens.Next(), email);
                var organisation = (Dictionary<string, object?>)form["organisation"]!;
                organisation["kind"] = "CommuneEptOrMetropole";
                organisation["communeInseeCode"] = "93048"; // Montreuil: free, so staff may validate at once
                var submitted = await host.Client.PostAsJsonAsync(EnrolmentDriver.PreRegistrations, form);
                if (await Acknowledged(submitted, HttpStatusCode.Accepted, "pre-registration") is null)
                {
                    continue;
                }

                // The public answer names no enrolment (ADR 0043): staff find it by its address.
                var found = await staff.GetAsync($"/api/enrolment/v1/enrolments?cohortId={CohortId}&search={Uri.EscapeDataString(email)}");
                if (await Acknowledged(found, HttpStatusCode.OK, "search") is not { } list)
                {
                    continue;
                }

                var enrolmentId = list.GetProperty("items")[0].GetProperty("id").GetGuid();
                _preRegistered[enrolmentId] = email;
                var read = await staff.GetAsync($"{EnrolmentDriver.Enrolments}/{enrolmentId}");
                if (await Acknowledged(read, HttpStatusCode.OK, "enrolment") is not { } enrolment)
                {
                    continue;
                }

                var validation = await staff.PostAsJsonAsync($"{EnrolmentDriver.Enrolments}/{enrolmentId}/validation", new { version = enrolment.GetProperty("version").GetInt32() });
                if (await Acknowledged(validation, HttpStatusCode.OK, "validation") is not null)
                {
                    _validated[enrolmentId] = true;
                    toSign.Enqueue(enrolmentId);
                }

                if (toSign.Count > 1 && await SignOnPaperAsync(staff, toSign.Peek()))
                {
                    toSign.Dequeue();
                }
            }
        }
        catch (HttpRequestException)
        {
            // The host died under this worker.
        }
    }

    private async Task<bool> SignOnPaperAsync(HttpClient staff, Guid enrolmentId)
    {
        var signature = await staff.PostAsJsonAsync($"/api/charter/v1/signatures/{enrolmentId}/paper", new
        {
            signedOn = TimeProvider.System.TodayInParis(), signerName = "Camille Durand", role = "Maire adjointe", note = "Original reçu.",
        });
        if (signature.StatusCode == HttpStatusCode.NotFound)
        {
            return false; // Charter has not opened the signature file yet: the validation is still on its way.
        }

        if (await Acknowledged(signature, HttpStatusCode.OK, "paper signature") is null)
        {
            return false;
        }

        _signed[enrolmentId] = true;
        return true;
    }

    private async Task<JsonElement?> Acknowledged(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected)
            {
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            _unexpected.Enqueue($"{what}: {(int)response.StatusCode} {body}");
            return null;
        }
    }

    /// <summary>Messages stored in the durable inbox or outbox and not handled yet; with <paramref name="ownerNode"/>, only that node's.</summary>
    public async Task<IReadOnlyList<Guid>> PendingMessagesAsync(int? ownerNode = null)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var owner = ownerNode is { } node ? $"and owner_id = {node}" : "";
        await using var query = new NpgsqlCommand(
            $"""
             select id from {AchatsHost.MessagesSchema}.wolverine_incoming_envelopes where status = 'Incoming' {owner}
             union all
             select id from {AchatsHost.MessagesSchema}.wolverine_outgoing_envelopes where true {owner}
             """, connection);
        var ids = new List<Guid>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The Wolverine node numbers registered now, as each node writes its own at start-up.</summary>
    public async Task<IReadOnlyList<int>> NodeNumbersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"select node_number from {AchatsHost.MessagesSchema}.wolverine_nodes", connection);
        var numbers = new List<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt32(0));
        }

        return numbers;
    }

    /// <summary>
    /// The time on <paramref name="clock"/> when <paramref name="pending"/> first reads empty: the last of those
    /// messages handled (polled every 50 ms, for up to three minutes). Handled messages hand on their own in the
    /// same transaction, so the inbox is never empty halfway through a chain.
    /// </summary>
    public static async Task<TimeSpan> HandledAtAsync(Stopwatch clock, Func<Task<IReadOnlyList<Guid>>> pending)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && (await pending()).Count > 0)
        {
            await Task.Delay(50);
        }

        return clock.Elapsed;
    }

    /// <summary>The <see cref="DiscrepanciesAsync"/> left once they stop changing for the better (polled, up to a minute).</summary>
    public async Task<IReadOnlyList<string>> DiscrepanciesOnceSettledAsync(HostProcess host)
    {
        using var staff = await SignedInAsync(host);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var found = await DiscrepanciesAsync(staff);
        while (DateTime.UtcNow < deadline && found.Count > 0)
        {
            await Task.Delay(200);
            found = await DiscrepanciesAsync(staff);
        }

        return found;
    }

    /// <summary>
    /// What differs from "every acknowledged write stored once, every email sent once, every admission on the
    /// roster once": the enrolments as stored, the emails in the folder, the cohort's roster.
    /// </summary>
    public async Task<IReadOnlyList<string>> DiscrepanciesAsync(HttpClient staff)
    {
        var stored = await EnrolmentsAsync(staff);
        var found = new List<string>();
        found.AddRange(stored.GroupBy(enrolment => enrolment.Email).Where(group => group.Count() > 1).Select(group => $"{group.Count()} enrolments for one participant"));
        var byId = stored.ToDictionary(enrolment => enrolment.Id);
        found.AddRange(_preRegistered.Keys.Where(id => !byId.ContainsKey(id)).Select(id => $"acknowledged pre-registration {id} not stored"));
        found.AddRange(_validated.Keys.Where(id => byId.GetValueOrDefault(id)?.Status is not ("Validated" or "Admitted")).Select(id => $"acknowledged validation of {id} not stored"));
        found.AddRange(_signed.Keys.Where(id => byId.GetValueOrDefault(id)?.Status is not "Admitted").Select(id => $"acknowledged signature of {id} not admitted"));

        var emails = await EmailsByAddressAsync();
        foreach (var enrolment in stored)
        {
            // The pre-registration received, then the signing link once validated, then the welcome once admitted.
            var expected = 1 + (enrolment.Status is "Validated" or "Admitted" ? 1 : 0) + (enrolment.Status is "Admitted" ? 1 : 0);
            if (emails.GetValueOrDefault(enrolment.Email) != expected)
            {
                found.Add($"{emails.GetValueOrDefault(enrolment.Email)} emails for enrolment {enrolment.Id} ({enrolment.Status}), {expected} expected");
            }
        }

        if (emails.GetValueOrDefault("(unreadable)") is > 0 and var unreadable)
        {
            found.Add($"{unreadable} unreadable emails");
        }

        var roster = await RosterAsync(staff);
        var admitted = stored.Where(enrolment => enrolment.Status == "Admitted").Select(enrolment => enrolment.Email).ToHashSet();
        found.AddRange(roster.GroupBy(email => email).Where(group => group.Count() > 1).Select(group => $"{group.Count()} roster entries for one participant"));
        found.AddRange(admitted.Where(email => !roster.Contains(email)).Select(_ => "an admitted participant is not on the roster"));
        found.AddRange(roster.Where(email => !admitted.Contains(email)).Select(_ => "a roster entry for no admitted participant"));
        return found;
    }

    private async Task<IReadOnlyList<StoredEnrolment>> EnrolmentsAsync(HttpClient staff)
    {
        var all = new List<StoredEnrolment>();
        for (var page = 1; page <= 1000; page++)
        {
            var list = await Expect(await staff.GetAsync($"{EnrolmentDriver.Enrolments}?cohortId={CohortId}&pageSize=200&page={page}"), HttpStatusCode.OK);
            var items = list.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items.Select(item => new StoredEnrolment(
                item.GetProperty("id").GetGuid(), item.GetProperty("participant").GetProperty("email").GetString()!, item.GetProperty("status").GetString()!)));
            if (all.Count >= list.GetProperty("total").GetInt32() || items.Count == 0)
            {
                break;
            }
        }

        return all;
    }

    private async Task<IReadOnlyList<string>> RosterAsync(HttpClient staff)
    {
        var roster = await Expect(await staff.GetAsync($"/api/cohorts/v1/cohorts/{CohortId}/roster"), HttpStatusCode.OK);
        return roster.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("email").GetString()!).ToList();
    }

    private async Task<Dictionary<string, int>> EmailsByAddressAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.Exists(_emailFolder) ? Directory.GetFiles(_emailFolder, "*.eml") : [])
        {
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(file);
            }
            catch (FormatException)
            {
                counts["(unreadable)"] = counts.GetValueOrDefault("(unreadable)") + 1; // being written, or cut by the kill
                continue;
            }

            foreach (var address in message.To.Mailboxes.Select(mailbox => mailbox.Address))
            {
                counts[address] = counts.GetValueOrDefault(address) + 1;
            }
        }

        return counts;
    }

    private async Task WaitUntilOpenAsync(HostProcess host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var open = await Expect(await host.Client.GetAsync("/api/enrolment/v1/open-cohorts"), HttpStatusCode.OK);
            if (open.EnumerateArray().Any(cohort => cohort.GetProperty("id").GetGuid() == CohortId))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("Enrolment never learnt of the cohort.");
    }

    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return response.StatusCode == expected
                ? JsonDocument.Parse(body is { Length: > 0 } ? body : "{}").RootElement.Clone()
                : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_emailFolder))
        {
            Directory.Delete(_emailFolder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private sealed record StoredEnrolment(Guid Id, string Email, string Status);
}

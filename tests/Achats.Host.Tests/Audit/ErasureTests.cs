using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Achats.Audit.Contracts;
using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// Erasure (RGPD art. 17, ADR 0061): Eulalie Tavernier-Quesnoy, admitted beside Camille, Dominique and Claude, is erased
/// by programme staff; nothing of her name, email or phone is left in any table, in the email folder or in the logs,
/// while her timeline keeps its shape and the chain still verifies. The others keep theirs.
/// </summary>
public sealed class ErasureTests(ErasureTests.ApiWithPersonToErase app) : IClassFixture<ErasureTests.ApiWithPersonToErase>
{
    private const string Erasures = "/api/audit/v1/erasures";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_erased_leaves_no_trace_of_their_name_email_or_phone_the_chain_verifies_the_replay_agrees_and_an_export_verifies()
    {
        var traces = app.Traces;
        (await app.WhereStoredAsync(traces)).ShouldNotBeEmpty("the search finds her before the erasure");
        (await app.EmailsHoldingAsync(traces)).ShouldNotBeEmpty();

        var erased = await app.Staff.PostAsJsonAsync(Erasures, new { enrolmentId = app.Eulalie, reason = "Demande d'effacement reçue par courrier le 2 décembre" }, Cancellation);
        var record = await erased.ReadAsync<ErasureRecord>(HttpStatusCode.OK);

        record.EnrolmentIds.ShouldBe([app.Eulalie]);
        (await app.WhereStoredAsync(traces)).ShouldBeEmpty();
        (await app.EmailsHoldingAsync(traces)).ShouldBeEmpty();
        app.Log.ShouldNotBeEmpty();
        app.Log.ShouldNotContain(line => traces.Any(trace => line.Contains(trace, StringComparison.OrdinalIgnoreCase)));

        var timeline = await TextAsync(await app.Staff.GetAsync($"{Enrolments}/{app.Eulalie}/timeline", Cancellation));
        timeline.ShouldContain("[données effacées]");
        timeline.ShouldNotContain(ApiWithPersonToErase.LastName, Case.Insensitive);
        (await app.InvokeAsync<StreamIntegrity>(new VerifyStream(app.Eulalie))).Intact.ShouldBeTrue();
        var page = await app.Staff.GetStringAsync($"/inscriptions/{app.Eulalie}", Cancellation);
        page.ShouldContain("Données personnelles effacées le");
        page.ShouldContain("Demande d&#x27;effacement reçue par courrier le 2 décembre");
        page.ShouldContain("Intégrité vérifiée");
        traces.ShouldAllBe(trace => !page.Contains(trace, StringComparison.OrdinalIgnoreCase));
        var (exitCode, output) = await app.AuditCommandAsync("verify");
        exitCode.ShouldBe(0, output);

        // The erasure is recorded without her data, and the others keep theirs.
        var kept = (await app.InvokeAsync<ErasureRecord?>(new GetErasure(app.Eulalie))).ShouldNotBeNull();
        kept.Id.ShouldBe(record.Id);
        kept.Reason.ShouldBe("Demande d'effacement reçue par courrier le 2 décembre");
        Actor.Parse(kept.ErasedBy).Role.ShouldBe(StaffRole.ProgrammeStaff);
        (await app.WhereStoredAsync("Dominique Durand")).ShouldNotBeEmpty();
        (await TextAsync(await app.Staff.GetAsync($"{Enrolments}/{app.Dominique}/timeline", Cancellation))).ShouldNotContain("[données effacées]");

        // Twice is harmless: nothing left to erase, the chain intact.
        var again = await app.Staff.PostAsJsonAsync(Erasures, new { enrolmentId = app.Eulalie, reason = "Deuxième demande" }, Cancellation);
        (await again.ReadAsync<ErasureRecord>(HttpStatusCode.OK)).EnrolmentIds.ShouldBe([app.Eulalie]);
        (await app.WhereStoredAsync(traces)).ShouldBeEmpty();
        (await app.AuditCommandAsync("verify")).ExitCode.ShouldBe(0);

        // The replay agrees with the read models (placeholders on both sides), and an export made now verifies offline
        // without her data.
        var (replayed, replay) = await app.AuditCommandAsync("replay", "--cohort", app.CohortId.ToString());
        replayed.ShouldBe(0, replay);
        replay.ShouldContain("aucun écart");

        var export = await app.Staff.GetAsync($"/api/audit/v1/cohorts/{app.CohortId}/export", Cancellation);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var zip = await export.Content.ReadAsByteArrayAsync(Cancellation);
        using (var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip)))
        {
            foreach (var entry in archive.Entries)
            {
                using var text = new StreamReader(entry.Open());
                var content = await text.ReadToEndAsync(Cancellation);
                app.Traces.ShouldAllBe(trace => !content.Contains(trace, StringComparison.OrdinalIgnoreCase), entry.FullName);
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.CreateVersion7():N}.zip");
        await File.WriteAllBytesAsync(path, zip, Cancellation);
        var (verified, verification) = await app.AuditCommandAsync("verify-export", path);
        verified.ShouldBe(0, verification);
        File.Delete(path);
    }

    [Theory]
    [InlineData("unknown", "Demande de la personne", HttpStatusCode.NotFound)]
    [InlineData("empty", "Demande de la personne", HttpStatusCode.BadRequest)]
    [InlineData("claude", "", HttpStatusCode.BadRequest)]
    [InlineData("claude", "Demande\0cachée", HttpStatusCode.BadRequest)]
    public async Task Refused_input_answers_a_problem_in_French_and_writes_nothing(string enrolment, string reason, HttpStatusCode status)
    {
        var enrolmentId = enrolment switch { "unknown" => Guid.CreateVersion7(), "empty" => Guid.Empty, _ => app.Claude };
        var records = await app.ScalarAsync<long>("select count(*) from audit.mt_doc_erasurerecord");

        var refused = await app.Staff.PostAsJsonAsync(Erasures, new { enrolmentId, reason }, Cancellation);

        var problem = await refused.ReadAsync<Problem>(status);
        (problem.Detail ?? string.Join(' ', problem.Errors!.Values.SelectMany(errors => errors))).ShouldNotBeNullOrWhiteSpace();
        (await app.ScalarAsync<long>("select count(*) from audit.mt_doc_erasurerecord")).ShouldBe(records);
        (await app.WhereStoredAsync("Claude Durand")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_enrolment_page_offers_programme_staff_the_erasure_and_not_auditors()
    {
        (await app.Staff.GetStringAsync($"/inscriptions/{app.Claude}", Cancellation)).ShouldContain($"/inscriptions/{app.Claude}/effacement");
        (await app.Staff.GetStringAsync($"/inscriptions/{app.Claude}/effacement", Cancellation)).ShouldContain("Effacer définitivement");
        var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var page = await auditor.GetStringAsync($"/inscriptions/{app.Claude}", Cancellation);
        page.ShouldContain("ont pas été effacées");
        page.ShouldNotContain("/effacement");
    }

    [Theory]
    [InlineData(StaffRole.Auditor)]
    public async Task Auditors_may_not_erase(string role)
    {
        var auditor = await app.SignedInAsync(role);

        var refused = await auditor.PostAsJsonAsync(Erasures, new { enrolmentId = app.Claude, reason = "Demande de la personne" }, Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.InvokeAsync<ErasureRecord?>(new GetErasure(app.Claude))).ShouldBeNull();
    }

    /// <summary>What an API answered, its JSON read back with accents as written.</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!
            .ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The admitted participants, and Eulalie admitted with them; every line the Host logs is kept.</summary>
    public sealed class ApiWithPersonToErase(PostgresServer postgres) : ApiWithAdmittedParticipants(postgres)
    {
        public const string FirstName = "Eulalie";
        public const string LastName = "Tavernier-Quesnoy";
        public const string Phone = "07 61 38 29 54";

        private readonly LogRecorder _recorder = new();

        public Guid Eulalie { get; private set; }

        public string Email { get; private set; } = null!;

        /// <summary>What must be left nowhere: her names, her email, her phone.</summary>
        public string[] Traces => [FirstName, LastName, Email, Phone, "0761382954"];

        public IReadOnlyCollection<string> Log => _recorder.Lines;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            (Eulalie, _) = await Driver.AdmitAsync(Staff, CohortId, FirstName, "PublicBuyer", "CommuneEptOrMetropole", NewSiren(), lastName: LastName, phone: Phone);
            Email = await this.ScalarAsync<string>("select data #>> '{Participant,Email}' from events.mt_events where stream_id = $1 and version = 1", Eulalie);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_recorder));
        }
    }
}

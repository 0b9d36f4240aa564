using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Achats.Audit.Chain;
using Achats.Audit.Export;
using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// « Exporter pour audit » (issue 18, part 3): a zip of the cohort's history that <c>audit verify-export</c> checks
/// offline; each export recorded. The zips are altered on disk only: the database stays intact for every test.
/// </summary>
public sealed class AuditExportTests(ApiWithAdmittedParticipants app) : IClassFixture<ApiWithAdmittedParticipants>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient _auditor = null!;
    private ChainSealed _seal = null!;

    public async ValueTask InitializeAsync()
    {
        _auditor = await app.SignedInAsync(StaffRole.Auditor);
        _seal = await app.InvokeAsync<ChainSealed>(new SealChainHeads());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_zip_holds_every_event_of_the_cohort_s_streams_as_stored_with_its_link()
    {
        var files = await ExportAsync();

        var lines = Lines(files[ExportFormat.Events]);
        var expected = await app.ScalarAsync<long>(
            """
            select count(*) from events.mt_events where stream_id in
                (select stream_id from events.mt_events where stream_id = $1 or data @> jsonb_build_object('CohortId', $1::text))
            """, app.CohortId);
        lines.Count.ShouldBe((int)expected);
        var claude = lines.Where(line => line.Stream == app.Claude).ToList();
        claude.Select(line => line.Version).ShouldBe(Enumerable.Range(1, claude.Count).Select(version => (long)version));
        var first = claude[0];
        first.Data.ShouldBe(await app.ScalarAsync<string>("select data::text from events.mt_events where seq_id = $1", first.Sequence));
        first.Hash.ShouldBe(ChainLink.Hex(await app.ScalarAsync<byte[]>("select hash from audit.event_chain where seq_id = $1", first.Sequence)));
        first.Salt.ShouldNotBeNull("the submission carries personal data: its salted digest commits to it");
    }

    [Fact]
    public async Task The_manifest_gives_each_file_s_SHA_256_the_cohort_who_exported_and_the_latest_seal_with_its_heads()
    {
        var files = await ExportAsync();

        var manifest = JsonSerializer.Deserialize<ExportManifest>(files[ExportFormat.Manifest], ExportFormat.Json)!;
        manifest.CohortId.ShouldBe(app.CohortId);
        manifest.ExportedBy.ShouldStartWith("Test Auditor (Audit");
        manifest.Files.Select(file => file.Name).ShouldBe([ExportFormat.Events, ExportFormat.Enrolments, ExportFormat.Charter], ignoreOrder: true);
        foreach (var file in manifest.Files)
        {
            file.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(files[file.Name])), file.Name);
        }

        manifest.Seal.ShouldNotBeNull().Root.ShouldBe(_seal.Root);
        manifest.Seal.Heads.ShouldContain(head => head.Stream == app.Claude);
    }

    [Fact]
    public async Task The_summary_has_a_line_per_enrolment_and_the_charter_its_versions_with_their_fingerprints()
    {
        var files = await ExportAsync();

        var csv = Encoding.UTF8.GetString(files[ExportFormat.Enrolments]).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldBe("Référence;Nom;Prénom;Structure;Étape;Gratuité;Pré-inscription le;Validée le;Version");
        csv.Length.ShouldBe(4);
        csv.Count(line => line.Contains(";Claude;", StringComparison.Ordinal) && line.Contains(";Admise;", StringComparison.Ordinal)).ShouldBe(1);
        using var charter = JsonDocument.Parse(files[ExportFormat.Charter]);
        var version = charter.RootElement.EnumerateArray().ShouldHaveSingleItem();
        version.GetProperty("number").GetInt32().ShouldBe(1);
        version.GetProperty("fingerprint").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task Each_export_is_recorded_with_who_when_and_its_manifest_s_hash_and_listed_on_the_auditor_s_page()
    {
        var before = await RecordsAsync();
        var files = await ExportAsync();
        var manifestHash = Convert.ToHexStringLower(SHA256.HashData(files[ExportFormat.Manifest]));

        var records = await RecordsAsync();
        records.Count.ShouldBe(before.Count + 1);
        var record = records.OrderBy(export => export.Id).Last();
        record.ManifestSha256.ShouldBe(manifestHash);
        Actor.Parse(record.ExportedBy).Role.ShouldBe(StaffRole.Auditor);
        var page = await _auditor.GetStringAsync($"/audit?edition={app.CohortId}", Cancel);
        page.ShouldContain(manifestHash);
    }

    [Fact]
    public async Task A_fresh_export_verifies_offline()
    {
        var zip = await SaveAsync(await ExportZipAsync());

        var (exitCode, output) = await AuditDriver.VerifyExportAsync(zip);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Export intègre");
        output.ShouldContain($"Sceau n° {await app.ScalarAsync<long>("select max(id) from audit.seals")} du ");
        output.ShouldContain("racine de Merkle recalculée");
    }

    [Fact]
    public async Task One_byte_of_an_event_changed_in_the_zip_is_named_by_its_file_and_line()
    {
        var files = await ExportAsync();
        var lines = Encoding.UTF8.GetString(files[ExportFormat.Events]).Split('\n').ToList();
        var index = lines.FindIndex(line => line.Contains(app.Claude.ToString(), StringComparison.Ordinal) && line.Contains("Claude", StringComparison.Ordinal));
        lines[index] = ReplaceFirst(lines[index], "Claude", "Claudf");
        files[ExportFormat.Events] = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var (exitCode, output) = await AuditDriver.VerifyExportAsync(await SaveAsync(Zip(files)));

        exitCode.ShouldBe(1, output);
        output.ShouldContain($"events.jsonl, ligne {index + 1} : flux {app.Claude}");
        output.ShouldContain("les données de l'événement ont été modifiées");
        output.ShouldContain("events.jsonl : son empreinte SHA-256 ne correspond pas au manifeste");
    }

    [Fact]
    public async Task A_zip_whose_files_do_not_match_its_manifest_fails_and_one_that_is_no_zip_is_refused()
    {
        var files = await ExportAsync();
        files[ExportFormat.Enrolments] = [.. files[ExportFormat.Enrolments], .. "Ajoutée;après;coup\r\n"u8.ToArray()];

        var (exitCode, output) = await AuditDriver.VerifyExportAsync(await SaveAsync(Zip(files)));
        var notAZip = await SaveAsync("ceci n'est pas une archive"u8.ToArray());
        var (unreadable, unreadableOutput) = await AuditDriver.VerifyExportAsync(notAZip);
        var (missing, missingOutput) = await AuditDriver.VerifyExportAsync(notAZip + ".absent");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("inscriptions.csv : son empreinte SHA-256 ne correspond pas au manifeste");
        output.ShouldNotContain("events.jsonl, ligne");
        unreadable.ShouldBe(2, unreadableOutput);
        unreadableOutput.ShouldContain("n'est pas une archive zip lisible");
        missing.ShouldBe(2, missingOutput);
        missingOutput.ShouldContain("introuvable ou illisible");
    }

    [Fact]
    public async Task The_export_of_a_cohort_that_does_not_exist_is_a_404_and_records_nothing()
    {
        var unknown = Guid.CreateVersion7();

        var response = await _auditor.GetAsync($"/api/audit/v1/cohorts/{unknown}/export", Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<Problem>(Cancel))!.Detail.ShouldBe($"Aucune édition n'a l'identifiant {unknown}.");
        await using var session = app.Store.QuerySession();
        (await session.Query<AuditExportRecord>().CountAsync(export => export.CohortId == unknown, Cancel)).ShouldBe(0);
    }

    private async Task<byte[]> ExportZipAsync()
    {
        var response = await _auditor.GetAsync($"/api/audit/v1/cohorts/{app.CohortId}/export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<Dictionary<string, byte[]>> ExportAsync()
    {
        using var archive = new ZipArchive(new MemoryStream(await ExportZipAsync()), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(content);
            }

            return content.ToArray();
        });
    }

    private async Task<IReadOnlyList<AuditExportRecord>> RecordsAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<AuditExportRecord>().Where(export => export.CohortId == app.CohortId).ToListAsync(Cancel);
    }

    private static List<ExportedEvent> Lines(byte[] events) =>
        Encoding.UTF8.GetString(events).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ExportedEvent>(line, ExportFormat.Json)!).ToList();

    private static byte[] Zip(Dictionary<string, byte[]> files)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    private static async Task<string> SaveAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.CreateVersion7():N}.zip");
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>What the cohort tests do over HTTP, said once: send and read typed answers, admit a participant, read an export.</summary>
public sealed class CohortDriver(AchatsApp app)
{
    public const string CohortsApi = "/api/cohorts/v1/cohorts";

    private readonly EnrolmentDriver _enrolment = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<T> GetAsync<T>(HttpClient client, string url) =>
        await (await client.GetAsync(url, Cancellation)).ReadAsync<T>(HttpStatusCode.OK);

    /// <summary>Sends <paramref name="body"/> as JSON, checks the status, and reads the answer as <typeparamref name="T"/>.</summary>
    public static async Task<T> SendAsync<T>(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        return await (await client.SendAsync(request, Cancellation)).ReadAsync<T>(expected);
    }

    /// <summary>Sends and expects a refusal: the problem's stable type.</summary>
    public static async Task<string> RefusedAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected = HttpStatusCode.UnprocessableEntity) =>
        (await SendAsync<Problem>(client, method, url, body, expected)).Type;

    public static object Session(Guid sequenceId, string title, string kind, DateTime startsAt, DateTime endsAt, bool parallel = false) => new
    {
        sequenceId, title, kind,
        startsAt = startsAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        endsAt = endsAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        modality = "Online", meetingLink = "https://visio.example/achats", parallel,
    };

    public static object Sheet(params (Guid EnrolmentId, string Presence)[] marks) =>
        new { entries = marks.Select(mark => new { enrolmentId = mark.EnrolmentId, presence = mark.Presence }).ToArray() };

    public static int Count(IReadOnlyList<ReportLineAnswer> lines, string key) => lines.Single(line => line.Key == key).Count;

    public static async Task PublishCharterAsync(HttpClient staff, Guid cohortId)
    {
        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement", body = "Les participants s'engagent pour toute l'édition.", commitments = new[] { "Participer aux séances plénières." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Pre-registered, made eligible where needed, validated, signed on paper: Enrolment admits, and Cohorts hears it.</summary>
    public async Task<(Guid EnrolmentId, ITrackedSession Admission)> AdmitAsync(
        HttpClient staff, Guid cohortId, string firstName, string profile, string kind, string siren, Guid? pairWith = null,
        string lastName = "Durand", string phone = "01 23 45 67 89")
    {
        var form = Form(cohortId, siren, email: $"{firstName.ToLowerInvariant()}.{Guid.CreateVersion7():N}@structure.test");
        var participant = (Dictionary<string, object?>)form["participant"]!;
        participant["firstName"] = firstName;
        participant["lastName"] = lastName;
        participant["phone"] = phone;
        participant["profile"] = profile;
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = kind;
        organisation["communeInseeCode"] = kind == "CommuneEptOrMetropole" ? "93048" : null;
        var enrolmentId = (await _enrolment.PreRegisterAsync(form)).EnrolmentId;
        if (kind == "PrivateCompany")
        {
            (await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/eligibility-override", new
            {
                version = await _enrolment.VersionAsync(staff, enrolmentId), free = true, reason = "Adhésion à l'ObsAR en cours, confirmée par téléphone.",
            }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        if (pairWith is { } colleague)
        {
            (await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/pair", new { colleagueEnrolmentId = colleague }, Cancellation))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation", new { version = await _enrolment.VersionAsync(staff, enrolmentId) });
        validated.StatusCode.ShouldBe(HttpStatusCode.OK, await validated.Content.ReadAsStringAsync(Cancellation));
        var (signed, admission) = await app.PostTrackedAsync(staff, $"/api/charter/v1/signatures/{enrolmentId}/paper", new
        {
            signedOn = app.Clock.TodayInParis(), signerName = $"{firstName} {lastName}", role = "Acheteur", note = "Original classé au dossier.",
        });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync(Cancellation));
        Published<EnrolmentAdmitted>(admission).ShouldHaveSingleItem().EnrolmentId.ShouldBe(enrolmentId);
        return (enrolmentId, admission);
    }

    /// <summary>Reads an export as Excel would, checking the byte order mark and the separator, quotes included.</summary>
    public static async Task<List<string[]>> CsvAsync(HttpClient staff, string url)
    {
        var response = await staff.GetAsync(url, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        text.ShouldEndWith("\r\n");
        return ParseCsv(text);
    }

    /// <summary>The same export as an Excel workbook, read back.</summary>
    public static async Task<Workbook> XlsxAsync(HttpClient staff, string url)
    {
        var response = await staff.GetAsync(url, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe(XlsxFile.ContentType);
        return Workbook.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancellation)));
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ';') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else { field.Append(c); }
        }

        return rows;
    }
}

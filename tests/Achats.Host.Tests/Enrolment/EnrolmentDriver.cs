using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Host.Tests.Enrolment;

/// <summary>What the enrolment tests do over HTTP, said once: plan an open cohort, fill in the form, read an enrolment.</summary>
public sealed class EnrolmentDriver(AchatsApp app)
{
    public const string PreRegistrations = "/api/enrolment/v1/pre-registrations";
    public const string Enrolments = "/api/enrolment/v1/enrolments";
    public const string Memberships = "/api/partners/v1/memberships";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A fresh, Luhn-valid SIREN, so that tests sharing a database never share an organisation.</summary>
    public static string NewSiren() => Sirens.Next();

    /// <summary>Plans a cohort whose registration is open today, and waits until Enrolment knows it.</summary>
    public async Task<Guid> OpenCohortAsync(HttpClient staff, int opensInDays = -10, int closesInDays = 30)
    {
        var today = app.Clock.TodayInParis();
        var (response, _) = await app.PostTrackedAsync(staff, "/api/cohorts/v1/cohorts", new
        {
            name = $"Édition {Guid.CreateVersion7():N}",
            registrationOpensOn = today.AddDays(opensInDays),
            registrationClosesOn = today.AddDays(closesInDays),
            startsOn = today.AddDays(closesInDays + 10),
            endsOn = today.AddDays(closesInDays + 375),
        });
        return (await response.ReadAsync<CreatedCohort>(HttpStatusCode.Created)).Id;
    }

    /// <summary>A complete, valid form for a private company; each test changes what it is about.</summary>
    public static Dictionary<string, object?> Form(Guid cohortId, string siren, string? email = null, string[]? memberships = null) => new()
    {
        ["cohortId"] = cohortId,
        ["participant"] = new Dictionary<string, object?>
        {
            ["firstName"] = "Camille",
            ["lastName"] = "Durand",
            ["email"] = email ?? $"camille.{Guid.CreateVersion7():N}@entreprise.test",
            ["phone"] = "01 23 45 67 89",
            ["jobTitle"] = "Acheteuse",
            ["profile"] = "PrivateBuyer",
        },
        ["organisation"] = new Dictionary<string, object?>
        {
            ["name"] = "Entreprise Test",
            ["kind"] = "PrivateCompany",
            ["siren"] = siren,
            ["communeInseeCode"] = null,
        },
        ["declaredMemberships"] = memberships ?? [],
        ["project"] = new { title = "Rénovation des bureaux", category = "ConstructionAndPublicWorks", themes = new[] { "Circular", "Solidarity" } },
        ["consentToDataProcessing"] = true,
        ["promotesOwnSolution"] = false,
    };

    /// <summary>
    /// Pre-registers through the public API, which answers 202 and the same words whatever happened (ADR 0043), then
    /// reads what was recorded for that address, as staff would find it.
    /// </summary>
    public async Task<ReceiptAnswer> PreRegisterAsync(Dictionary<string, object?> form)
    {
        using var anonymous = app.CreateBrowserClient();
        (await (await anonymous.PostAsJsonAsync(PreRegistrations, form, Cancellation)).ReadAsync<AcknowledgementAnswer>(HttpStatusCode.Accepted))
            .Message.ShouldContain("Un courriel vous est envoyé");
        return await RecordedAsync((Guid)form["cohortId"]!, (string)((Dictionary<string, object?>)form["participant"]!)["email"]!);
    }

    /// <summary>The enrolment that holds <paramref name="email"/> in the cohort now, read from the store.</summary>
    public async Task<ReceiptAnswer> RecordedAsync(Guid cohortId, string email)
    {
        await using var session = app.Store.QuerySession();
        var registrant = (await session.LoadAsync<Registrant>(Registrant.IdOf(cohortId, email), Cancellation)).ShouldNotBeNull($"nothing recorded for {email}");
        var enrolment = (await session.LoadAsync<EnrolmentFile>(registrant.EnrolmentId, Cancellation)).ShouldNotBeNull();
        return new ReceiptAnswer(enrolment.Id, enrolment.Reference, enrolment.Status.ToString(), enrolment.Eligibility!.Outcome.ToString(), enrolment.Eligibility.Reasons);
    }

    public async Task<EnrolmentAnswer> EnrolmentAsync(HttpClient staff, Guid enrolmentId, string query = "") =>
        await (await staff.GetAsync($"{Enrolments}/{enrolmentId}{query}", Cancellation)).ReadAsync<EnrolmentAnswer>(HttpStatusCode.OK);

    public async Task<int> VersionAsync(HttpClient staff, Guid enrolmentId) => (await EnrolmentAsync(staff, enrolmentId)).Version;

    /// <summary>
    /// The integration events of type <typeparamref name="T"/> a tracked session published, whether or not a
    /// module consumes them yet (Charter, Cohorts and Community will).
    /// </summary>
    public static IReadOnlyList<T> Published<T>(ITrackedSession messages) =>
        messages.AllRecordsInOrder().Where(record => record.MessageEventType is MessageEventType.Sent or MessageEventType.NoRoutes)
            .Select(record => record.Envelope?.Message).OfType<T>().Distinct().ToList();

    private sealed record CreatedCohort(Guid Id);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        if (expected is { } status)
        {
            response.StatusCode.ShouldBe(status, body);
        }

        return JsonDocument.Parse(body).RootElement;
    }
}

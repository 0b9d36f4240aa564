using System.Net.Http.Headers;
using System.Net.Http.Json;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>What people type and what partners hold never reaches the log, whatever happens to the request.</summary>
public sealed class LogRedactionTests(LogRedactionTests.RecordedApp app) : IClassFixture<LogRedactionTests.RecordedApp>
{
    [Fact]
    public async Task A_submitted_email_address_and_an_API_key_never_reach_the_log()
    {
        var cancel = TestContext.Current.CancellationToken;
        var email = $"claire.{Guid.CreateVersion7():N}@collectivite.test";
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        // An account opened, refused (too short a password), then used: well, badly, and while throttled.
        (await administrator.PostAsJsonAsync("/api/access/v1/staff-accounts",
            new { email, displayName = "Claire", role = "ProgrammeStaff", organisation = "Mgp", password = "court" }, cancel)).EnsureStatus(400);
        (await administrator.PostAsJsonAsync("/api/access/v1/staff-accounts",
            new { email, displayName = "Claire", role = "ProgrammeStaff", organisation = "Mgp", password = StaffSignIn.Password }, cancel)).EnsureStatus(201);
        (await administrator.PostAsJsonAsync("/api/access/v1/staff-accounts",
            new { email, displayName = "Claire", role = "ProgrammeStaff", organisation = "Mgp", password = StaffSignIn.Password }, cancel)).EnsureStatus(409);
        using var browser = app.CreateBrowserClient();
        for (var attempt = 0; attempt <= StaffAccount.MaxFailedAttempts; attempt++)
        {
            await StaffSignIn.PostFormAsync(browser, email, "pas le bon");
        }

        // A key issued, used, revoked, then presented again; and a forged one.
        var issued = await (await administrator.PostAsJsonAsync("/api/access/v1/partner-keys",
            new { partner = "Inec", scopes = new[] { PartnerScope.ReadCatalogue }, label = "INEC" }, cancel)).Content.ReadFromJsonAsync<Issued>(cancel);
        using var partner = app.CreateBrowserClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", issued!.Key);
        (await partner.GetAsync("/api/partners/v1/me", cancel)).EnsureStatus(200);
        (await administrator.DeleteAsync($"/api/access/v1/partner-keys/{issued.Id}", cancel)).EnsureStatus(204);
        (await partner.GetAsync("/api/partners/v1/me", cancel)).EnsureStatus(401);
        (await partner.GetAsync("/api/access/v1/staff-accounts", cancel)).EnsureStatus(401);
        using var forger = app.CreateBrowserClient();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", issued.Key[..^4] + "abcd");
        (await forger.GetAsync("/api/partners/v1/me", cancel)).EnsureStatus(401);

        var secret = issued.Key[(issued.Key.LastIndexOf('_') + 1)..];
        app.Log.ShouldNotBeEmpty();
        app.Log.ShouldNotContain(line => line.Contains(email, StringComparison.OrdinalIgnoreCase), "the email address was logged");
        app.Log.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal), "the API key was logged");
        app.Log.ShouldNotContain(line => line.Contains(StaffSignIn.Password, StringComparison.Ordinal), "a password was logged");
    }

    [Fact]
    public async Task A_participant_email_never_reaches_the_log_whether_accepted_refused_duplicated_or_raced()
    {
        var cancel = TestContext.Current.CancellationToken;
        var email = $"dominique.{Guid.CreateVersion7():N}@ville.test";
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await new Enrolment.EnrolmentDriver(app).OpenCohortAsync(staff);
        var form = Enrolment.EnrolmentDriver.Form(cohortId, Enrolment.EnrolmentDriver.NewSiren(), email);
        using var anonymous = app.CreateBrowserClient();

        ((Dictionary<string, object?>)form["participant"]!)["profile"] = null;
        (await anonymous.PostAsJsonAsync(Enrolment.EnrolmentDriver.PreRegistrations, form, cancel)).EnsureStatus(400);
        // A NUL used to reach PostgreSQL, fail the write, and log the text typed before it.
        var typed = $"Dominique{Guid.CreateVersion7():N}";
        ((Dictionary<string, object?>)form["participant"]!)["firstName"] = typed + "\0";
        (await anonymous.PostAsJsonAsync(Enrolment.EnrolmentDriver.PreRegistrations, form, cancel)).EnsureStatus(400);
        ((Dictionary<string, object?>)form["participant"]!)["firstName"] = "Dominique";
        ((Dictionary<string, object?>)form["participant"]!)["profile"] = "PublicBuyer";
        var raced = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => anonymous.PostAsJsonAsync(Enrolment.EnrolmentDriver.PreRegistrations, form, cancel)));
        raced.ShouldAllBe(response => (int)response.StatusCode == 202);
        (await anonymous.PostAsJsonAsync(Enrolment.EnrolmentDriver.PreRegistrations, form, cancel)).EnsureStatus(202);

        app.Log.ShouldNotBeEmpty();
        app.Log.ShouldNotContain(line => line.Contains(email, StringComparison.OrdinalIgnoreCase), "the participant's email address was logged");
        app.Log.ShouldNotContain(line => line.Contains(typed, StringComparison.Ordinal), "a first name typed with a NUL was logged");
    }

    private sealed record Issued(Guid Id, string Key);

    /// <summary>The Host with one more log provider that keeps every line the configured filters let through.</summary>
    public sealed class RecordedApp(PostgresServer postgres) : AchatsApp(postgres)
    {
        private readonly LogRecorder _recorder = new();

        public IReadOnlyCollection<string> Log => _recorder.Lines;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_recorder));
        }
    }
}

internal static class ResponseAssertions
{
    public static void EnsureStatus(this HttpResponseMessage response, int status) => ((int)response.StatusCode).ShouldBe(status);
}

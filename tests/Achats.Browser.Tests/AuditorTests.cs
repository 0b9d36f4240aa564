using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The auditor's view of a cohort, its state-at-instant picker, and the administrators' log of reads (issue 18).</summary>
public sealed class AuditorTests(AuditorTests.WithAValidatedEnrolment app, Chromium chromium) : IClassFixture<AuditorTests.WithAValidatedEnrolment>
{
    [Fact]
    public async Task An_auditor_reads_the_cohort_s_enrolments_their_timelines_and_who_did_what()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync($"/audit?edition={app.CohortId}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Inscriptions et leur historique (2)" }).WaitForAsync();
        await page.Locator("summary", new() { HasText = "Martin Zoé" }).ClickAsync();
        await page.GetByText("Pré-inscription validée").First.WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Exporter pour audit" }).First.WaitForAsync();
        await Look.AtAsync(page, "audit-edition");
    }

    [Fact]
    public async Task The_picker_shows_an_enrolment_as_it_was_at_a_Paris_date_and_time()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);
        await page.GotoAsync($"/audit?edition={app.CohortId}");

        await page.GetByLabel("Inscription", new() { Exact = true }).SelectOptionAsync(app.ZoeId.ToString());
        await page.GetByLabel("Date et heure (heure de Paris)").FillAsync(
            DateTimeOffset.UtcNow.AddMinutes(2).InParis().ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'état" }).ClickAsync();

        await page.Locator("dd", new() { HasText = "Validée, charte à signer" }).WaitForAsync();
        await Look.AtAsync(page, "audit-etat-a-un-instant");
    }

    [Fact]
    public async Task An_administrator_consults_who_read_personal_data()
    {
        var auditor = await app.SignedInPageAsync(chromium, StaffRole.Auditor);
        // The read is logged through the bus: wait until it is stored.
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => auditor.GotoAsync($"/inscriptions/{app.ZoeId}")));
        var page = await app.SignedInPageAsync(chromium, StaffRole.Administrator);

        await page.GotoAsync("/journal-des-acces?qui=alice");

        await page.GetByRole(AriaRole.Link, new() { Name = "Fiche d'une inscription" }).First.WaitForAsync();
        (await page.Locator("tbody").InnerTextAsync()).ShouldContain("Alice Martin (Audit)");
        await Look.AtAsync(page, "journal-des-acces");
    }

    /// <summary>A cohort with two pre-registrations, Zoé's validated.</summary>
    public sealed class WithAValidatedEnrolment(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public Guid ZoeId { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition d'automne");
            ZoeId = await PreRegisterAsync(CohortId, "Zoé", "Martin", free: true);
            await PreRegisterAsync(CohortId, "Bastien", "Leroy", free: true);
            await InvokeTrackedAsync<EnrolmentChanged>(new ValidatePreRegistration(ZoeId, await VersionAsync(ZoeId), "Dossier complet."));
        }
    }
}

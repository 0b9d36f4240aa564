using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>A day at the enrolment desk: the dashboard, an enrolment's page, and each decision taken from it.</summary>
public sealed class EnrolmentDeskTests(EnrolmentDeskTests.WithPreRegistrations app, Chromium chromium)
    : IClassFixture<EnrolmentDeskTests.WithPreRegistrations>
{
    [Fact]
    public async Task Staff_see_what_waits_and_follow_a_count_to_an_enrolment()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord Édition du bureau" }).WaitForAsync();
        var toDecide = page.GetByRole(AriaRole.Row, new() { Name = "Pré-inscriptions à décider" });
        int.Parse(await toDecide.GetByRole(AriaRole.Link).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(4);
        (await page.GetByRole(AriaRole.Combobox, new() { Name = "Édition" }).InputValueAsync()).ShouldBe(app.CohortId.ToString());
        await Look.AtAsync(page, "tableau-de-bord");
    }

    [Fact]
    public async Task Staff_validate_one_refuse_one_ask_for_information_and_override_and_the_timeline_grows()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Éloïse", "Petit", free: true)}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Éloïse Petit" }).WaitForAsync();
        await Look.AtAsync(page, "inscription");
        var events = await page.Locator(".timeline li").CountAsync();
        await page.GetByLabel("Note (facultative)").FillAsync("Dossier complet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Pré-inscription validée");
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Validée, charte à signer");
        (await page.Locator(".timeline li").CountAsync()).ShouldBe(events + 1);
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain("Alice Martin (Équipe du programme");
        await Look.AtAsync(page, "inscription-validee");

        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Bastien", "Roux", free: true)}");
        await page.GetByText("Refuser la pré-inscription").First.ClickAsync();
        await page.GetByLabel("Motif du refus").FillAsync("   "); // past the browser's own check: the server's is the one that counts
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuser la pré-inscription" }).ClickAsync();
        (await page.GetByText("Le motif du refus est obligatoire").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "inscription-refus-sans-motif");
        await page.GetByLabel("Motif du refus").FillAsync("La structure n'achète pas de fournitures.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuser la pré-inscription" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Pré-inscription refusée");
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain("La structure n'achète pas de fournitures.");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Décisions" }).CountAsync()).ShouldBe(0);

        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Chloé", "Garnier", free: false)}");
        await page.GetByText("Demander des informations").First.ClickAsync();
        await page.GetByLabel("Votre question").FillAsync("Quel est le montant annuel de vos achats ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Informations demandées");

        await page.GetByText("Déroger à la décision de gratuité").First.ClickAsync();
        await page.GetByLabel("gratuite", new() { Exact = true }).CheckAsync();
        await page.Locator("#derogation-reason").FillAsync("Adhésion en cours auprès de l'INEC, confirmée par téléphone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la dérogation" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Dérogation enregistrée");
        var timeline = await page.Locator(".timeline").InnerTextAsync();
        timeline.ShouldContain("Informations complémentaires demandées");
        timeline.ShouldContain("Dérogation : participation gratuite");
        await Look.AtAsync(page, "inscription-derogation");
    }

    [Fact]
    public async Task Two_staff_members_deciding_at_once_one_wins_and_the_other_is_told_in_French()
    {
        var enrolmentId = await app.PreRegisterAsync("Damien", "Lefèvre", free: true);
        var first = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var second = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await first.GotoAsync($"/inscriptions/{enrolmentId}");
        await second.GotoAsync($"/inscriptions/{enrolmentId}");

        await first.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        await first.GetByRole(AriaRole.Status).WaitForAsync();
        await second.GetByText("Refuser la pré-inscription").First.ClickAsync();
        await second.GetByLabel("Motif du refus").FillAsync("Hors du périmètre.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Refuser la pré-inscription" }).ClickAsync();

        var refusal = await second.GetByRole(AriaRole.Alert).InnerTextAsync();
        refusal.ShouldContain("modifié");
        (await second.GetByRole(AriaRole.Link, new() { Name = "Recharger la page pour voir la dernière version" }).CountAsync()).ShouldBe(1);
        (await second.Locator(".badge").InnerTextAsync()).ShouldBe("Validée, charte à signer");
        await Look.AtAsync(second, "inscription-conflit");
    }

    [Fact]
    public async Task An_auditor_sees_the_enrolment_and_no_decision()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Fanny", "Moreau", free: true)}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Historique", Exact = true }).WaitForAsync();
        (await page.Locator("main form").CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button).AllInnerTextsAsync()).ShouldBe(["Se déconnecter"]);
        await Look.AtAsync(page, "inscription-audit");
    }

    [Fact]
    public async Task A_stored_script_is_shown_as_text()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Gaël", "<script>alert(1)</script>", free: true)}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Gaël <script>alert(1)</script>" }).WaitForAsync();
        dialogs.ShouldBe(0);
    }

    /// <summary>An open edition: each test pre-registers the people it decides on.</summary>
    public sealed class WithPreRegistrations(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition du bureau");
            foreach (var name in new[] { "Hugo", "Inès", "Jules", "Katia" })
            {
                await PreRegisterAsync(name, "Bernard", free: true);
            }
        }

        public Task<Guid> PreRegisterAsync(string firstName, string lastName, bool free) => PreRegisterAsync(CohortId, firstName, lastName, free);
    }
}

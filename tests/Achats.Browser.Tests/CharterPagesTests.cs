using Achats.Browser.Tests.Year;
using Achats.Charter.Charters;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>Staff write, preview and publish a cohort's charter, compare its versions and follow its signatures, in Chromium.</summary>
public sealed class CharterPagesTests(CharterPagesTests.WithCohorts app, Chromium chromium) : IClassFixture<CharterPagesTests.WithCohorts>
{
    [Fact]
    public async Task Staff_see_how_many_validated_participants_wait_for_the_first_version()
    {
        var cohortId = await app.OpenCohortAsync("Édition sans charte");
        var enrolmentId = await app.PreRegisterAsync(cohortId, "Camille", "Durand", free: true);
        await app.InvokeTrackedAsync<EnrolmentChanged>(new ValidatePreRegistration(enrolmentId, await app.VersionAsync(enrolmentId), null));
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/charte?edition={cohortId}");

        (await page.Locator("#en-attente").InnerTextAsync()).ShouldBe(
            "1 participant·e validé·e attend la publication de la charte : son lien de signature partira par courriel à la publication.");
        await Look.AtAsync(page, "charte-en-attente");
    }

    [Fact]
    public async Task Staff_write_and_preview_a_draft_publish_it_then_see_who_must_sign_version_2_and_what_changed()
    {
        var cohortId = await app.OpenCohortAsync("Édition des rédacteurs");
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await page.GotoAsync($"/charte?edition={cohortId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Rédiger la charte" }).WaitForAsync();
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Charte d'engagement de l'édition");
        await page.GetByLabel("Texte", new() { Exact = true }).FillAsync("## Préambule\n\nLes participants s'engagent, pendant **toute l'édition**, à acheter circulaire et solidaire.\n\n<script>alert(1)</script>");
        await page.GetByLabel("Engagements, un par ligne").FillAsync("Participer aux séances plénières.\nViser au moins une procédure d'achat.");
        await Look.AtAsync(page, "charte-brouillon");

        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu", Exact = true }).PressAsync("Enter");
        await page.Locator(".preview").GetByRole(AriaRole.Heading, new() { Name = "Préambule" }).WaitForAsync();
        (await page.Locator(".preview .charter").InnerTextAsync()).ShouldContain("<script>alert(1)</script>");
        await Look.AtAsync(page, "charte-apercu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Brouillon enregistré.");

        var signer = await app.ValidatedParticipantAsync(cohortId, "Camille", "Durand");
        await page.GetByRole(AriaRole.Link, new() { Name = "Publier ce brouillon comme version 1…" }).ClickAsync();
        (await page.Locator("#publication").InnerTextAsync()).ShouldContain("les participant·es validé·es recevront leur lien de signature");
        await Look.AtAsync(page, "charte-publication-premiere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier la version 1" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Version 1 publiée");
        await app.SignAsync(chromium, signer, "Camille Durand");

        await CharterSteps.WriteDraftAsync(page, cohortId, "Charte d'engagement de l'édition",
            "## Préambule\n\nLes participants s'engagent, pendant **toute l'édition**, à acheter circulaire, solidaire et local.",
            ["Participer aux séances plénières, en ligne ou en présentiel.", "Viser au moins une procédure d'achat."]);
        await page.GotoAsync($"/charte?edition={cohortId}&publier=oui#publication");
        await Look.AtAsync(page, "charte-publication");
        var confirmation = await CharterSteps.PublishAsync(page, cohortId);
        confirmation.ShouldContain($"1 signataire d'une version précédente devra signer la version 2, avant le {FrenchDates.Long(app.Clock.GetUtcNow().AddDays(30))}");
        confirmation.ShouldContain("Camille Durand");
        await Look.AtAsync(page, "charte-versions");

        var (removed, added) = await CharterSteps.CompareAsync(page, cohortId, 1, 2);
        string.Join(" ", added).ShouldContain("local.");
        string.Join(" ", added).ShouldContain("en ligne ou en présentiel.");
        string.Join(" ", removed).ShouldContain("<script>alert(1)</script>");
        await Look.AtAsync(page, "charte-diff");
        (await CharterSteps.SignatureStatesAsync(page, cohortId)).ShouldBe(new Dictionary<string, string> { ["Camille Durand"] = "En attente" });
    }

    [Fact]
    public async Task Staff_follow_the_signatures_send_a_new_link_and_record_one_given_on_paper()
    {
        var cohortId = await app.OpenCohortAsync("Édition des signataires");
        await app.InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(cohortId, "Charte d'engagement", "Les participants s'engagent.", ["Participer aux séances plénières."]));
        await app.InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(cohortId));
        await app.SignAsync(chromium, await app.ValidatedParticipantAsync(cohortId, "Inès", "Moreau"), "Inès Moreau");
        await app.ValidatedParticipantAsync(cohortId, "Hugo", "Lefèvre");
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        (await CharterSteps.SignatureStatesAsync(page, cohortId)).ShouldBe(new Dictionary<string, string> { ["Hugo Lefèvre"] = "Jamais signée", ["Inès Moreau"] = "À jour" });
        await Look.AtAsync(page, "charte-signatures");
        await CharterSteps.ReissueSigningLinkAsync(page, cohortId, "Hugo Lefèvre");
        await page.GetByLabel("Date de la signature").FillAsync(app.Clock.TodayInParis().AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Original reçu en séance.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature sur papier" }).ClickAsync();
        (await page.GetByText("La date de signature ne peut être dans le futur.").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "charte-signature-papier-refusee");

        await CharterSteps.RecordPaperSignatureAsync(page, cohortId, "Hugo Lefèvre", "Original reçu en séance, classé au dossier de l'édition.", app.Clock.TodayInParis());

        (await CharterSteps.SignatureStatesAsync(page, cohortId)).ShouldBe(new Dictionary<string, string> { ["Hugo Lefèvre"] = "À jour", ["Inès Moreau"] = "À jour" });
    }

    [Fact]
    public async Task An_auditor_reads_the_charter_and_its_signatures_without_a_form()
    {
        var cohortId = await app.OpenCohortAsync("Édition auditée");
        await app.InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(cohortId, "Charte d'engagement", "Les participants s'engagent.", ["Participer aux séances plénières."]));
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync($"/charte?edition={cohortId}");

        await page.Locator(".preview").GetByRole(AriaRole.Heading, new() { Name = "Charte d'engagement" }).WaitForAsync();
        (await page.Locator("main form").CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "charte-auditeur");
    }

    /// <summary>Cohorts planned by each test, participants validated in them as the enrolment desk would.</summary>
    public sealed class WithCohorts(PostgresServer postgres) : BrowserApp(postgres)
    {
        /// <summary>A public body of Montreuil pre-registers and is validated; returns their email.</summary>
        public async Task<string> ValidatedParticipantAsync(Guid cohortId, string firstName, string lastName)
        {
            var email = $"{firstName.ToLowerInvariant()}.{Guid.CreateVersion7():N}@montreuil.test";
            var receipt = await InvokeTrackedAsync<PreRegistrationReceipt>(new SubmitPreRegistration(cohortId,
                new ParticipantDetails(firstName, lastName, email, null, "Acheteuse publique", Profile.PublicBuyer),
                new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93048"),
                [], null, ConsentToDataProcessing: true, PromotesOwnSolution: false));
            await using (var session = Store.QuerySession())
            {
                var state = await session.Events.FetchStreamStateAsync(receipt.EnrolmentId);
                await InvokeTrackedAsync<EnrolmentChanged>(new ValidatePreRegistration(receipt.EnrolmentId, (int)state!.Version, null));
            }

            return email;
        }

        /// <summary>The participant follows the link last emailed to them and signs, in a browser of their own.</summary>
        public async Task SignAsync(Chromium chromium, string email, string typedName)
        {
            var page = await NewPageAsync(chromium);
            await page.GotoAsync(await SigningLinkSentToAsync(email));
            await page.GetByLabel("Vos prénom et nom, tels que vous signez").FillAsync(typedName);
            await page.GetByLabel("Je suis autorisé·e à engager").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Charte signée" }).WaitForAsync();
            await page.Context.CloseAsync();
        }
    }
}

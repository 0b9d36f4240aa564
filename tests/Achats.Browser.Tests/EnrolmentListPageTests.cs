using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.Memberships;
using Achats.Shared.Time;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The enrolment list, an organisation's page and the partners' page, as staff use them.</summary>
public sealed class EnrolmentListPageTests(EnrolmentListPageTests.WithAFullCohort app, Chromium chromium)
    : IClassFixture<EnrolmentListPageTests.WithAFullCohort>
{
    [Fact]
    public async Task Staff_page_through_the_cohort_search_sort_and_follow_a_row()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync("/inscriptions");

        await page.GetByRole(AriaRole.Heading, new() { Name = $"{WithAFullCohort.Size} inscriptions" }).WaitForAsync();
        (await page.GetByLabel("Édition", new() { Exact = true }).InputValueAsync()).ShouldBe(app.CohortId.ToString());
        (await page.Locator(".pager").InnerTextAsync()).ShouldContain("Page 1 sur 2");
        await Look.AtAsync(page, "inscriptions");

        await page.GetByRole(AriaRole.Link, new() { Name = "Page suivante" }).ClickAsync();
        await page.GetByText("Page 2 sur 2").WaitForAsync();
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(WithAFullCohort.Size - 50);

        await page.GetByLabel("Rechercher").FillAsync("eloise LEFEVRE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 inscription", Exact = true }).WaitForAsync();
        page.Url.ShouldContain("recherche=eloise");
        (await page.Locator("tbody").InnerTextAsync()).ShouldContain("Lefèvre Éloïse");
        await Look.AtAsync(page, "inscriptions-recherche");

        await page.GotoAsync("/inscriptions");
        await page.GetByLabel("Profil").SelectOptionAsync(nameof(Profile.PublicBuyer));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("profil=PublicBuyer", StringComparison.Ordinal));
        (await page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync()).ShouldAllBe(profile => profile == "Acheteur ou acheteuse public ou publique");

        // The column's link, followed as the browser would (its target read first: no click lost in a page still settling).
        var byName = await page.GetByRole(AriaRole.Link, new() { Name = "Nom", Exact = true }).GetAttributeAsync("href");
        byName.ShouldNotBeNull().ShouldContain("tri=name-asc");
        await page.GotoAsync(byName);
        var names = await page.Locator("tbody th").AllInnerTextsAsync();
        names.ShouldBe(names.Order(StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace)));
        (await page.Locator("th[aria-sort='ascending']").InnerTextAsync()).ShouldStartWith("Nom");
        await Look.AtAsync(page, "inscriptions-tri");

        await page.GotoAsync("/inscriptions?recherche=lefevre");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lefèvre Éloïse" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/inscriptions/{app.EloiseId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_script_shows_as_text_in_the_list()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/inscriptions?recherche=script");

        (await page.Locator("tbody th").InnerTextAsync()).ShouldBe("<script>alert(1)</script> Gaël");
        (await page.Locator("tbody td").First.InnerTextAsync()).ShouldBe("Société <script>alert(1)</script>");
        dialogs.ShouldBe(0);
        await Look.AtAsync(page, "inscriptions-script");
    }

    [Fact]
    public async Task An_empty_search_says_so_in_French()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync("/inscriptions?recherche=personne%20de%20ce%20nom");

        await page.GetByText("Aucune inscription ne correspond à ces filtres.").WaitForAsync();
        await Look.AtAsync(page, "inscriptions-vide");
    }

    [Fact]
    public async Task The_organisation_page_shows_its_enrolments_and_memberships()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/structures/{app.EloiseSiren}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Régie des Œuvres de Montreuil" }).WaitForAsync();
        (await page.Locator(".facts").InnerTextAsync()).ShouldContain("Commune du territoire de la Métropole");
        (await page.GetByRole(AriaRole.Row, new() { Name = "Membre de l'ObsAR" }).InnerTextAsync()).ShouldContain("Attestée par l'ObsAR depuis le");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Éloïse Lefèvre" }).CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "structure");
    }

    [Fact]
    public async Task The_partners_page_shows_what_waits_for_each_partner()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync("/partenaires");

        var inec = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Institut National de l'Économie Circulaire (INEC)" }) });
        (await inec.InnerTextAsync()).ShouldContain("Société <script>alert(1)</script>");
        var obsar = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Observatoire des Achats Responsables (ObsAR)" }) });
        (await obsar.InnerTextAsync()).ShouldContain(app.EloiseSiren);
        (await obsar.InnerTextAsync()).ShouldContain("En cours");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Clés d'API de ce partenaire" }).CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "partenaires");
    }

    /// <summary>One edition of a little more than a page of enrolments, with a few people the tests look for.</summary>
    public sealed class WithAFullCohort(PostgresServer postgres) : BrowserApp(postgres)
    {
        public const int Size = 53;

        private static readonly string[] FirstNames = ["Camille", "Hugo", "Inès", "Jules", "Katia", "Léo", "Manon", "Nathan", "Océane", "Paul"];
        private static readonly string[] LastNames = ["Bernard", "Dubois", "Durand", "Faure", "Girard", "Lambert", "Martin", "Mercier", "Petit", "Roux", "Vincent"];

        public Guid CohortId { get; private set; }

        public Guid EloiseId { get; private set; }

        public string EloiseSiren { get; } = Sirens.Next();

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition de printemps");
            EloiseId = await PreRegisterAsync("Éloïse", "Lefèvre", Profile.PublicBuyer,
                new OrganisationDetails("Régie des Œuvres de Montreuil", OrganisationKind.CommuneEptOrMetropole, EloiseSiren, "93048"));
            await PreRegisterAsync("Gaël", "<script>alert(1)</script>", Profile.PrivateBuyer,
                new OrganisationDetails("Société <script>alert(1)</script>", OrganisationKind.PrivateCompany, Sirens.Next(), "75056"), [Membership.Inec]);
            // ObsAR attests a membership of Éloïse's organisation.
            await InvokeTrackedAsync<MembershipAttestation>(new AttestMembership(EloiseSiren, Membership.ObsAR, Clock.TodayInParis().AddDays(-30), null) { Partner = OrganisingStructure.ObsAR });
            for (var i = 0; i < Size - 2; i++)
            {
                var company = i % 3 == 0;
                await PreRegisterAsync(FirstNames[i % FirstNames.Length], LastNames[i % LastNames.Length], company ? Profile.PrivateBuyer : Profile.PublicBuyer,
                    company
                        ? new OrganisationDetails($"Entreprise {LastNames[(i + 3) % LastNames.Length]}", OrganisationKind.PrivateCompany, Sirens.Next(), "75056")
                        : new OrganisationDetails($"Ville numéro {i}", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93048"));
            }
        }

        private async Task<Guid> PreRegisterAsync(string firstName, string lastName, Profile profile, OrganisationDetails organisation, Membership[]? memberships = null)
        {
            var receipt = await InvokeTrackedAsync<PreRegistrationReceipt>(new SubmitPreRegistration(CohortId,
                new ParticipantDetails(firstName, lastName, $"{Guid.CreateVersion7():N}@exemple.test", null, "Responsable des achats", profile),
                organisation, memberships ?? [], null, ConsentToDataProcessing: true, PromotesOwnSolution: false));
            return receipt.EnrolmentId;
        }
    }
}

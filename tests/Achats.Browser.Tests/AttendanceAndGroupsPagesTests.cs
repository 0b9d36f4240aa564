using Achats.Browser.Tests.Year;
using Achats.Charter.Charters;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Sessions;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>A plenary's attendance taken in the browser, a participant flagged on the report, working groups formed and published.</summary>
public sealed class AttendanceAndGroupsPagesTests(AttendanceAndGroupsPagesTests.WithPlenaryHeld app, Chromium chromium)
    : IClassFixture<AttendanceAndGroupsPagesTests.WithPlenaryHeld>
{
    [Fact]
    public async Task Staff_mark_everyone_present_then_correct_two_and_the_absent_one_is_flagged()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/presence/{app.Plenary}?edition={app.CohortId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Feuille de présence" }).WaitForAsync();
        await Look.AtAsync(page, "presence");
        await AttendanceSteps.TakeAttendanceAsync(page, app.CohortId, app.Plenary,
            new Dictionary<string, string> { ["Claude Moreau"] = "absent", ["Dominique Martin"] = "excusé" });
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("6 présences enregistrées.");
        (await page.GetByRole(AriaRole.Group, new() { Name = "Dominique Martin" }).GetByLabel("Excusé").IsCheckedAsync()).ShouldBeTrue();

        (await AttendanceSteps.FlaggedAsync(page, app.CohortId)).ShouldBe(["Claude Moreau"]);
        await Look.AtAsync(page, "assiduite");
        await page.GetByRole(AriaRole.Link, new() { Name = "Taux aux plénières" }).ClickAsync();
        (await page.Locator("th[aria-sort]").InnerTextAsync()).ShouldContain("Taux aux plénières");
        (await page.Locator("tbody th[scope=row]").First.InnerTextAsync()).ShouldBe("Claude Moreau");
    }

    [Fact]
    public async Task A_session_not_begun_is_refused_with_its_reason_and_an_auditor_reads_a_sheet_without_a_form()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await page.GotoAsync($"/presence/{app.Later}?edition={app.CohortId}");
        (await page.Locator(".notice").InnerTextAsync()).ShouldContain("n'a pas encore commencé");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la feuille" }).CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "presence-refusee");

        var auditor = await app.SignedInPageAsync(chromium, StaffRole.Auditor);
        await auditor.GotoAsync($"/presence/{app.Plenary}?edition={app.CohortId}");
        await auditor.GetByRole(AriaRole.Table).WaitForAsync();
        (await auditor.Locator("main form").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_propose_groups_move_a_binome_and_a_person_then_publish()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await GroupSteps.ProposeAsync(page, app.CohortId, 2, 3);
        (await page.GetByText("Binôme", new() { Exact = true }).CountAsync()).ShouldBeGreaterThan(0);
        await Look.AtAsync(page, "groupes");
        await GroupSteps.MoveAsync(page, app.CohortId, "Camille Durand", "Aucun groupe");
        (await page.GetByRole(AriaRole.Region, new() { Name = "Sans groupe", Exact = true }).InnerTextAsync()).ShouldContain("Dominique Martin");
        (await page.GetByText("Sans groupe : ").CountAsync()).ShouldBe(1);
        await GroupSteps.MoveAsync(page, app.CohortId, "Camille Durand", "Restauration — groupe 1");
        await GroupSteps.MoveAsync(page, app.CohortId, "Claude Moreau", "Équipements informatiques — groupe 1");
        await GroupSteps.PublishAsync(page, app.CohortId);
        await Look.AtAsync(page, "groupes-publies");
    }

    /// <summary>
    /// An edition whose six participants were admitted (Camille and Dominique a binôme of Montreuil), its plenary held
    /// yesterday and another a month ahead; nothing recorded, no group proposed.
    /// </summary>
    public sealed class WithPlenaryHeld(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public Guid Plenary { get; private set; }

        public Guid Later { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(CohortId, "Charte d'engagement",
                "Les participants s'engagent pour toute l'édition.", ["Participer aux séances plénières."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(CohortId));

            var montreuil = Sirens.Next();
            var camille = await AdmitAsync("Camille", "Durand", Profile.PublicBuyer, "Ville de Montreuil", montreuil, PurchaseCategory.Catering);
            await AdmitAsync("Dominique", "Martin", Profile.Prescriber, "Ville de Montreuil", montreuil, PurchaseCategory.Catering, pairWith: camille);
            await AdmitAsync("Claude", "Moreau", Profile.PrivateBuyer, "Société Dupont", Sirens.Next(), PurchaseCategory.Catering);
            await AdmitAsync("Élodie", "Bernard", Profile.PrivateBuyer, "Groupe Lefèvre", Sirens.Next(), PurchaseCategory.Catering);
            await AdmitAsync("Farid", "Haddad", Profile.PublicBuyer, "Ville de Pantin", Sirens.Next(), PurchaseCategory.ItEquipment);
            await AdmitAsync("Gaëlle", "Roux", Profile.PrivateBuyer, "Société Garnier", Sirens.Next(), PurchaseCategory.ItEquipment);

            var sequence = (await InvokeTrackedAsync<CohortChanged>(new AddSequence(CohortId, "Comprendre l'achat circulaire"))).CreatedId!.Value;
            var start = (await InvokeAsync<CohortView>(new GetCohort(CohortId))).StartsOn.ToDateTime(TimeOnly.MinValue);
            Plenary = await ScheduleAsync(sequence, "Séance de lancement", start.AddDays(1));
            Later = await ScheduleAsync(sequence, "Bilan du premier trimestre", start.AddDays(90));
            Clock.SetUtcNow(ParisTime.FromParis(start.AddDays(2).AddHours(10))!.Value);
        }

        private async Task<Guid> ScheduleAsync(Guid sequence, string title, DateTime day) =>
            (await InvokeTrackedAsync<CohortChanged>(new ScheduleSession(CohortId, sequence, title, SessionKind.Plenary, day.AddHours(9.5), day.AddHours(12),
                Modality.Online, "https://visio.example/achats", null, null, [])))
            .CreatedId!.Value;

        private Task<Guid> AdmitAsync(string firstName, string lastName, Profile profile, string organisation, string siren,
            PurchaseCategory category, Guid? pairWith = null)
        {
            var isPublic = organisation.StartsWith("Ville", StringComparison.Ordinal);
            return AdmitAsync(CohortId, firstName, lastName, profile,
                new OrganisationDetails(organisation, isPublic ? OrganisationKind.CommuneEptOrMetropole : OrganisationKind.PrivateCompany, siren, isPublic ? "93048" : "75056"),
                new PreRegistrationProject($"Achats de {firstName}", category, [Theme.Circular]), pairWith);
        }
    }
}

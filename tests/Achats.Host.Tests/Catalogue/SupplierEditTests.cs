using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Achats.Catalogue.Solutions;
using Achats.Catalogue.Submission;
using Achats.Host.Tests.Enrolment;
using Achats.Host.Tests.Hostile;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>The supplier edits their solution through the emailed link; a buyer's form refused as a supplier's leads to the catalogue.</summary>
public sealed class SupplierEditTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly SubmissionDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Asked_for_changes_the_supplier_reads_the_message_and_sends_a_new_version_back_to_review()
    {
        var email = SubmissionDriver.NewEmail();
        var id = await app.AwaitingReviewAsync(CatalogueSolutions.Content("Mobilier à préciser", email));
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.Append(id, new ChangesRequested(id, "Précisez les départements.\nEt ajoutez une référence.", app.Clock.GetUtcNow()));
            await session.SaveChangesAsync(Cancellation);
        }

        var link = await _driver.EditLinkAsync(id);
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, link);
        page.ShouldContain("Modifier la solution « Mobilier à préciser »");
        page.ShouldContain("Le message de l'équipe du programme");
        page.ShouldContain("Précisez les départements.");
        page.ShouldNotContain("la version en ligne reste affichée");
        page.ShouldContain("value=\"Mobilier à préciser\"");
        page.ShouldContain("value=\"Ville de Montreuil\"");

        var response = await _driver.EditAsync(browser, link, page, ("solution.title", "Mobilier précisé"), ("solution.departements", "94"));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Vos modifications sont transmises à l'équipe du programme");
        var solution = await _driver.SolutionAsync(id);
        solution.Status.ShouldBe(SolutionStatus.AwaitingReview);
        solution.ChangesMessage.ShouldBeNull();
        solution.Draft.Solution.Title.ShouldBe("Mobilier précisé");
        solution.Draft.Solution.Departements.ShouldBe(["75", "93", "94"]);
        var revised = (await _driver.EventsAsync(id))[^1];
        revised.Data.ShouldBeOfType<SolutionRevised>();
        Actor.Parse(revised.UserName!).ShouldBe(new Actor(SupplierActor.Kind, email, null, null, "Claire Martin"));
    }

    [Fact]
    public async Task A_published_solution_stays_online_in_its_approved_version_while_the_edit_waits()
    {
        var id = await app.PublishedAsync(CatalogueSolutions.Content("Mobilier publié", SubmissionDriver.NewEmail()));
        var link = await _driver.EditLinkAsync(id);
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, link);
        page.ShouldContain("la version en ligne reste affichée dans le catalogue jusqu'à ce que l'équipe du programme approuve vos modifications");
        page.ShouldNotContain("Le message de l'équipe du programme");

        var response = await _driver.EditAsync(browser, link, page, ("solution.title", "Mobilier publié et complété"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var solution = await _driver.SolutionAsync(id);
        solution.AwaitsReview.ShouldBeTrue();
        solution.Draft.Solution.Title.ShouldBe("Mobilier publié et complété");
        solution.Published!.Solution.Title.ShouldBe("Mobilier publié");
    }

    [Fact]
    public async Task A_refused_solution_is_not_edited_and_a_bad_field_is_told_and_nothing_is_written()
    {
        var id = await app.AwaitingReviewAsync(CatalogueSolutions.Content("Mobilier refusé", SubmissionDriver.NewEmail()));
        var link = await _driver.EditLinkAsync(id);
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, link);
        var counter = await WriteCounter.CreateAsync(app.ConnectionString);
        var before = await counter.ReadAsync();

        var invalid = await _driver.EditAsync(browser, link, page, ("supplier.siren", "123456789"));
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        counter.Difference(before, await counter.ReadAsync()).ShouldBeEmpty();

        await using (var session = app.Store.LightweightSession())
        {
            session.Events.Append(id, new SolutionRefused(id, "Hors du champ du programme.", app.Clock.GetUtcNow()));
            await session.SaveChangesAsync(Cancellation);
        }

        before = await counter.ReadAsync();
        var refused = await _driver.EditAsync(browser, link, page, ("solution.title", "Mobilier refusé, modifié"));

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cette solution a été refusée par l'équipe du programme");
        counter.Difference(before, await counter.ReadAsync()).ShouldBeEmpty();
        (await _driver.SolutionAsync(id)).Draft.Solution.Title.ShouldBe("Mobilier refusé");
    }

    [Fact]
    public async Task An_expired_or_unknown_link_answers_410_in_French()
    {
        var id = await app.AwaitingReviewAsync(CatalogueSolutions.Content("Mobilier au lien expiré", SubmissionDriver.NewEmail()));
        var link = await _driver.EditLinkAsync(id, TimeSpan.FromMinutes(5));
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, link);

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        (await SubmissionDriver.PageAsync(browser, link, HttpStatusCode.Gone)).ShouldContain("Ce lien de modification n'est plus valable");
        (await SubmissionDriver.PageAsync(browser, "/catalogue/modifier/inconnu", HttpStatusCode.Gone)).ShouldContain("Ce lien de modification n'est plus valable");
        var late = await _driver.EditAsync(browser, link, page, ("solution.title", "Trop tard"));
        late.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await _driver.SolutionAsync(id)).Draft.Solution.Title.ShouldBe("Mobilier au lien expiré");
    }

    [Fact]
    public async Task The_pre_registration_refusal_of_a_supplier_leads_to_the_catalogue_form()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var enrolments = new EnrolmentDriver(app);
        var cohortId = await enrolments.OpenCohortAsync(staff);
        var form = EnrolmentDriver.Form(cohortId, EnrolmentDriver.NewSiren());
        form["promotesOwnSolution"] = true;
        using var anonymous = app.CreateBrowserClient();

        var api = await anonymous.PostAsJsonAsync("/api/enrolment/v1/pre-registrations", form, Cancellation);

        var body = await api.Content.ReadAsStringAsync(Cancellation);
        api.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        using var problem = JsonDocument.Parse(body);
        var catalogueUrl = problem.RootElement.GetProperty("catalogueUrl").GetString().ShouldNotBeNull();
        catalogueUrl.ShouldEndWith("/catalogue/proposer");
        new Uri(catalogueUrl).IsAbsoluteUri.ShouldBeTrue();
        problem.RootElement.GetProperty("detail").GetString()!.ShouldContain(catalogueUrl);
        (await anonymous.GetAsync(new Uri(catalogueUrl).PathAndQuery, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await anonymous.GetStringAsync("/inscription", Cancellation);
        var fields = PreRegistrationPageTests.Fields(page, cohortId);
        fields.Add(new("promotesOwnSolution", "true"));
        var refused = await anonymous.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancellation));
        html.ShouldContain("<a class=\"button\" href=\"/catalogue/proposer\">Proposer ma solution au catalogue de solutions</a>");
    }
}

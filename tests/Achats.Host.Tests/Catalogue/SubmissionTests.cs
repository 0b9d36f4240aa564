using System.Net;
using System.Net.Http.Json;
using Achats.Catalogue.Solutions;
using Achats.Catalogue.Submission;
using Achats.Host.Tests.Hostile;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>A supplier proposes a solution: the API and the page, the contact's confirmation, and unconfirmed ones forgotten.</summary>
public sealed class SubmissionTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly SubmissionDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submission_reaches_review_once_its_contact_confirms_through_the_emailed_link()
    {
        var email = SubmissionDriver.NewEmail();
        await _driver.SubmitAsync(SubmissionDriver.Body(email, "Mobilier réemployé de l'API"));

        // Nothing waits for review yet: only the confirmation email.
        await using (var session = app.Store.QuerySession())
        {
            (await session.Query<Solution>().Where(s => s.Draft.Contact.Email == email).CountAsync(Cancellation)).ShouldBe(0);
        }

        var confirmation = await app.LatestEmailToAsync(email, "Confirmez votre proposition au catalogue de solutions");
        confirmation.Text.ShouldContain("Bonjour Claire Martin,");
        confirmation.Text.ShouldContain("« Mobilier réemployé de l'API »");
        confirmation.Text.ShouldContain("Sans confirmation d'ici là, votre proposition est effacée");
        var link = confirmation.LinkTo("/catalogue/confirmer/");
        using var browser = app.CreateBrowserClient();
        // Opening the link (as a mail scanner does) confirms nothing: the button does.
        var page = await SubmissionDriver.PageAsync(browser, link);
        page.ShouldContain("Confirmez votre adresse électronique pour transmettre la solution « Mobilier réemployé de l'API »");
        page.ShouldContain("Confirmer ma proposition</button>");

        var confirmed = await _driver.ConfirmAsync(browser, link);

        var answer = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync(Cancellation));
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        answer.ShouldContain("Votre proposition est confirmée");
        var solution = await _driver.SolutionOfAsync(email);
        solution.Status.ShouldBe(SolutionStatus.AwaitingReview);
        solution.IsPublished.ShouldBeFalse();
        solution.Draft.Supplier.Name.ShouldBe("Ateliers du Réemploi");
        solution.Draft.Solution.Title.ShouldBe("Mobilier réemployé de l'API");
        solution.Draft.Solution.Departements.ShouldBe(["75", "93"]);
        solution.Draft.Solution.References.ShouldHaveSingleItem().Buyer.ShouldBe("Ville de Montreuil");
        var submitted = (await _driver.EventsAsync(solution.Id)).ShouldHaveSingleItem();
        submitted.Data.ShouldBeOfType<SolutionSubmitted>();
        Actor.Parse(submitted.UserName!).ShouldBe(new Actor(SupplierActor.Kind, email, null, null, "Claire Martin"));
        await using (var session = app.Store.QuerySession())
        {
            (await session.Query<PendingSubmission>().Where(p => p.Email == email).CountAsync(Cancellation)).ShouldBe(0);
        }

        var received = await app.LatestEmailToAsync(email, "est transmise à l'équipe du programme");
        received.Text.ShouldContain("l'équipe relit votre proposition");
        // Used: the link now says so, in French, with the way back to the form.
        var used = await SubmissionDriver.PageAsync(app.CreateBrowserClient(), link, HttpStatusCode.Gone);
        used.ShouldContain("Ce lien de confirmation n'est plus valable");
        used.ShouldContain("href=\"/catalogue/proposer\"");
        // Pressing the button again, from the page opened before: refused, nothing more written.
        var again = await browser.PostAsync(link, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", SubmissionDriver.Hidden(page, "__RequestVerificationToken")),
            new("_handler", SubmissionDriver.Hidden(page, "_handler")),
        ]), Cancellation);
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await _driver.EventsAsync(solution.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Every_link_of_the_emails_opens_a_page()
    {
        var email = SubmissionDriver.NewEmail();
        await _driver.SubmitAsync(SubmissionDriver.Body(email));
        using var browser = app.CreateBrowserClient();
        var confirmation = await app.LatestEmailToAsync(email, "Confirmez");
        foreach (var link in confirmation.Links)
        {
            (await browser.GetAsync(link.PathAndQuery, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, link.ToString());
        }

        (await _driver.ConfirmAsync(browser, confirmation.LinkTo("/catalogue/confirmer/"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var received = await app.LatestEmailToAsync(email, "est transmise");
        received.Links.Select(link => link.AbsolutePath).ShouldContain("/catalogue/proposer");
        received.Links.Select(link => link.AbsolutePath).ShouldContain("/confidentialite");
        foreach (var link in received.Links)
        {
            (await browser.GetAsync(link.PathAndQuery, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, link.ToString());
        }
    }

    [Fact]
    public async Task The_page_sends_the_same_submission_and_says_an_email_follows()
    {
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, SubmissionDriver.FormPage);
        page.ShouldContain("href=\"/confidentialite\"");
        page.ShouldContain("Le HTML est affiché tel quel, comme du texte.");
        // The Grand Paris first.
        page.IndexOf("Paris (75)", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("Ain (01)", StringComparison.Ordinal));
        var email = SubmissionDriver.NewEmail();

        var response = await app.TrackedAsync(browser, client => client.PostAsync(SubmissionDriver.FormPage, new FormUrlEncodedContent(Fields(page, email)), Cancellation));

        var html = WebUtility.HtmlDecode(await response.Response.Content.ReadAsStringAsync(Cancellation));
        response.Response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Proposition reçue");
        html.ShouldContain("suivez le lien qu'il contient pour confirmer votre proposition");
        (await _driver.ConfirmAsync(browser, await _driver.ConfirmationLinkAsync(email))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var solution = await _driver.SolutionOfAsync(email);
        solution.Draft.Solution.Categories.ShouldBe([Achats.Cohorts.Contracts.PurchaseCategory.Furniture, Achats.Cohorts.Contracts.PurchaseCategory.Textiles]);
        // In the usual order of the départements, as the form lists them.
        solution.Draft.Solution.Departements.ShouldBe(["2A", "75"]);
        solution.Draft.Solution.Labels.ShouldBe(["Label Emmaüs", "ESUS"]);
        solution.Draft.Solution.References.ShouldBe([new PublicBuyerReference("Ville de Montreuil", 2024, "Des bureaux")]);
        solution.Draft.Supplier.Website.ShouldBeNull();
    }

    [Fact]
    public async Task Refused_fields_are_told_in_French_beside_them_and_nothing_is_written()
    {
        var counter = await WriteCounter.CreateAsync(app.ConnectionString);
        var before = await counter.ReadAsync();
        var email = SubmissionDriver.NewEmail();
        var body = SubmissionDriver.Body(email);
        ((Dictionary<string, object?>)body["supplier"]!)["siren"] = "123456789";
        ((Dictionary<string, object?>)body["supplier"]!)["communeInseeCode"] = "00000";
        ((Dictionary<string, object?>)body["supplier"]!)["website"] = "javascript:alert(1)";
        ((Dictionary<string, object?>)body["solution"]!)["categories"] = Array.Empty<string>();
        ((Dictionary<string, object?>)body["solution"]!)["departements"] = new[] { "99" };
        body["consentToDataProcessing"] = false;
        using var anonymous = app.CreateBrowserClient();

        var problem = await (await anonymous.PostAsJsonAsync(SubmissionDriver.Submissions, body, Cancellation)).ReadAsync<Problem>(HttpStatusCode.BadRequest);

        problem.Error("supplier.siren").ShouldBe("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        problem.Error("supplier.communeInseeCode").ShouldBe("Ce code INSEE ne correspond à aucune commune.");
        problem.Error("supplier.website").ShouldStartWith("L'adresse du site doit commencer par https://");
        problem.Error("solution.categories").ShouldBe("Choisissez au moins une catégorie d'achat.");
        problem.Error("solution.departements[0]").ShouldBe("Département inconnu.");
        problem.Error("consentToDataProcessing").ShouldContain("consentement");

        var page = await SubmissionDriver.PageAsync(anonymous, SubmissionDriver.FormPage);
        var fields = Fields(page, email).Where(field => field.Key is not ("consentToDataProcessing" or "solution.themes")).ToList();
        fields.Add(new("solution.references[2].buyer", "Ville de Paris"));
        var refused = await anonymous.PostAsync(SubmissionDriver.FormPage, new FormUrlEncodedContent(fields), Cancellation);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancellation));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.");
        html.ShouldContain("Indiquez l'année de cet achat.");
        html.ShouldContain("Votre consentement au traitement des données de la personne à contacter est nécessaire");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldContain("value=\"Ateliers du Réemploi\"");

        counter.Difference(before, await counter.ReadAsync()).ShouldBeEmpty();
        (await app.EmailsToAsync(email)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Invisible_characters_and_an_overlong_body_are_refused_and_nothing_is_written()
    {
        var counter = await WriteCounter.CreateAsync(app.ConnectionString);
        var before = await counter.ReadAsync();
        var body = SubmissionDriver.Body(SubmissionDriver.NewEmail(), "Mobilier\u0000réemployé");
        using var anonymous = app.CreateBrowserClient();

        var nul = await (await anonymous.PostAsJsonAsync(SubmissionDriver.Submissions, body, Cancellation)).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        ((Dictionary<string, object?>)body["solution"]!)["description"] = new string('é', 70_000);
        var overlong = await anonymous.PostAsync(SubmissionDriver.Submissions,
            new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"), Cancellation);
        ((Dictionary<string, object?>)body["solution"]!)["description"] = new string('d', 10_001);
        var long1 = await (await anonymous.PostAsJsonAsync(SubmissionDriver.Submissions, body, Cancellation)).ReadAsync<Problem>(HttpStatusCode.BadRequest);

        nul.Error("solution.title").ShouldContain("caractère invisible");
        overlong.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        long1.Error("solution.description").ShouldBe("La description ne doit pas dépasser 10 000 caractères.");
        counter.Difference(before, await counter.ReadAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unconfirmed_submission_is_deleted_after_7_days_and_its_link_then_says_so()
    {
        var email = SubmissionDriver.NewEmail();
        await _driver.SubmitAsync(SubmissionDriver.Body(email));
        var link = await _driver.ConfirmationLinkAsync(email);
        var pendingId = SigningToken.HashOf(link[(link.LastIndexOf('/') + 1)..]);
        await using (var session = app.Store.QuerySession())
        {
            (await session.LoadAsync<PendingSubmission>(pendingId, Cancellation)).ShouldNotBeNull().ExpiresAt.ShouldBe(app.Clock.GetUtcNow().AddDays(7), TimeSpan.FromSeconds(1));
        }

        // Delivered early (a clock set wrong), the scheduled message deletes nothing.
        await InvokeAsync(new ExpirePendingSubmission(pendingId));
        await using (var session = app.Store.QuerySession())
        {
            (await session.LoadAsync<PendingSubmission>(pendingId, Cancellation)).ShouldNotBeNull();
        }

        app.Clock.Advance(TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(1)));
        await InvokeAsync(new ExpirePendingSubmission(pendingId));

        await using (var session = app.Store.QuerySession())
        {
            (await session.LoadAsync<PendingSubmission>(pendingId, Cancellation)).ShouldBeNull();
            (await session.Query<Solution>().Where(s => s.Draft.Contact.Email == email).CountAsync(Cancellation)).ShouldBe(0);
        }

        (await SubmissionDriver.PageAsync(app.CreateBrowserClient(), link, HttpStatusCode.Gone)).ShouldContain("Ce lien de confirmation n'est plus valable");
    }

    [Fact]
    public async Task An_address_gets_at_most_three_confirmation_emails_an_hour_and_the_same_answer_beyond()
    {
        var email = SubmissionDriver.NewEmail();
        for (var i = 0; i < PendingSubmission.PerAddressPerHour + 2; i++)
        {
            // The address counts whatever its case.
            await _driver.SubmitAsync(SubmissionDriver.Body(i % 2 == 0 ? email : email.ToUpperInvariant()));
        }

        (await app.EmailsToAsync(email)).Count.ShouldBe(PendingSubmission.PerAddressPerHour);
        await using var session = app.Store.QuerySession();
        (await session.Query<PendingSubmission>().Where(p => p.Email == email).CountAsync(Cancellation)).ShouldBe(PendingSubmission.PerAddressPerHour);
    }

    private async Task InvokeAsync(object message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message, Cancellation);
    }

    /// <summary>A whole form as a person would send it from <paramref name="page"/>, empty reference rows included.</summary>
    internal static List<KeyValuePair<string, string>> Fields(string page, string email) =>
    [
        new("__RequestVerificationToken", SubmissionDriver.Hidden(page, "__RequestVerificationToken")),
        new("_handler", SubmissionDriver.Hidden(page, "_handler")),
        new("supplier.name", "Ateliers du Réemploi"),
        new("supplier.siren", Sirens.Next()),
        new("supplier.communeInseeCode", "93048"),
        new("supplier.legalForm", "SCOP SA"),
        new("supplier.essStatus", "Cooperative"),
        new("supplier.website", ""),
        new("contact.name", "Claire Martin"),
        new("contact.email", email),
        new("contact.phone", ""),
        new("solution.title", "Mobilier réemployé du formulaire"),
        new("solution.summary", "Des bureaux remis en état."),
        new("solution.description", "Nous **collectons** et livrons.\n\n- des bureaux\n- des sièges"),
        new("solution.categories", "Textiles"),
        new("solution.categories", "Furniture"),
        new("solution.themes", "Circular"),
        new("solution.departements", "2A"),
        new("solution.departements", "75"),
        new("solution.labels", "Label Emmaüs\r\n\r\nESUS"),
        new("solution.references[0].buyer", ""),
        new("solution.references[0].year", ""),
        new("solution.references[0].purchase", ""),
        new("solution.references[1].buyer", "Ville de Montreuil"),
        new("solution.references[1].year", "2024"),
        new("solution.references[1].purchase", "Des bureaux"),
        new("consentToDataProcessing", "true"),
    ];
}

using System.Net;
using System.Text.RegularExpressions;
using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using JasperFx.Events;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>A supplier's steps through the catalogue's public form, the confirmation link and the edit link.</summary>
public sealed partial class SubmissionDriver(AchatsApp app)
{
    public const string Submissions = "/api/catalogue/v1/submissions";
    public const string FormPage = "/catalogue/proposer";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string NewEmail() => $"contact.{Guid.CreateVersion7():N}@fournisseur.test";

    /// <summary>A whole, valid submission as the API takes it; each test changes what it is about.</summary>
    public static Dictionary<string, object?> Body(string email, string title = "Mobilier de bureau réemployé") => new()
    {
        ["supplier"] = new Dictionary<string, object?>
        {
            ["name"] = "Ateliers du Réemploi",
            ["siren"] = Sirens.Next(),
            ["communeInseeCode"] = "93048",
            ["legalForm"] = "SCOP SA",
            ["essStatus"] = "Cooperative",
            ["website"] = "https://ateliers.example.org",
        },
        ["contact"] = new Dictionary<string, object?> { ["name"] = "Claire Martin", ["email"] = email, ["phone"] = "01 23 45 67 89" },
        ["solution"] = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["summary"] = "Des bureaux et sièges remis en état par des salariés en insertion.",
            ["description"] = "Nous **collectons**, remettons en état et livrons du mobilier de bureau.",
            ["categories"] = new[] { "Furniture" },
            ["themes"] = new[] { "Circular", "Solidarity" },
            ["departements"] = new[] { "93", "75" },
            ["labels"] = new[] { "Label Emmaüs" },
            ["references"] = new[] { new { buyer = "Ville de Montreuil", year = 2025, purchase = "120 postes de travail" } },
        },
        ["consentToDataProcessing"] = true,
    };

    public async Task SubmitAsync(Dictionary<string, object?> body)
    {
        using var anonymous = app.CreateBrowserClient();
        var (response, _) = await app.PostTrackedAsync(anonymous, Submissions, body);
        (await response.ReadAsync<Acknowledgement>(HttpStatusCode.Accepted)).Message.ShouldContain("Un courriel vient d'être envoyé");
    }

    /// <summary>The confirmation link of the latest confirmation email to <paramref name="email"/>, as a path.</summary>
    public async Task<string> ConfirmationLinkAsync(string email) =>
        (await app.LatestEmailToAsync(email, "Confirmez votre proposition")).LinkTo("/catalogue/confirmer/");

    /// <summary>Opens the link's page, then presses its button, and waits for what it caused.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string link)
    {
        var page = await PageAsync(browser, link);
        var (response, _) = await app.TrackedAsync(browser, client => client.PostAsync(link, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Hidden(page, "__RequestVerificationToken")),
            new("_handler", Hidden(page, "_handler")),
        ]), Cancellation));
        return response;
    }

    /// <summary>Submits through the API and confirms through the emailed link: the solution waiting for review.</summary>
    public async Task<Solution> ConfirmedAsync(string email, string title = "Mobilier de bureau réemployé")
    {
        await SubmitAsync(Body(email, title));
        using var browser = app.CreateBrowserClient();
        (await ConfirmAsync(browser, await ConfirmationLinkAsync(email))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return await SolutionOfAsync(email);
    }

    public async Task<Solution> SolutionOfAsync(string email)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Solution>().Where(solution => solution.Draft.Contact.Email == email).ToListAsync(Cancellation)).ShouldHaveSingleItem();
    }

    public async Task<Solution> SolutionAsync(Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<Solution>(id, Cancellation)).ShouldNotBeNull();
    }

    public async Task<IReadOnlyList<IEvent>> EventsAsync(Guid solutionId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.FetchStreamAsync(solutionId, token: Cancellation);
    }

    /// <summary>An edit link for the solution, as the review's emails issue them (SupplierLinks.Issue): a token kept only as its hash.</summary>
    public async Task<string> EditLinkAsync(Guid solutionId, TimeSpan? lifetime = null)
    {
        var (token, hash) = SigningToken.New();
        await using var session = app.Store.LightweightSession();
        session.Store(new SupplierLink(hash, solutionId, app.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(30))));
        await session.SaveChangesAsync(Cancellation);
        return $"/catalogue/modifier/{token}";
    }

    public static async Task<string> PageAsync(HttpClient browser, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await browser.GetAsync(path, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, html);
        return WebUtility.HtmlDecode(html);
    }

    public static string Hidden(string page, string name) =>
        Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Posts the edit page's form as it was filled, with <paramref name="changes"/> replacing its fields.</summary>
    public async Task<HttpResponseMessage> EditAsync(HttpClient browser, string link, string page, params (string Name, string Value)[] changes)
    {
        var fields = FormFields(page).Where(field => !changes.Any(change => change.Name == field.Key)).ToList();
        fields.AddRange(changes.Select(change => KeyValuePair.Create(change.Name, change.Value)));
        if (changes.Any(change => change.Name == "solution.departements"))
        {
            // A ticked box is added to those already ticked.
            fields.AddRange(FormFields(page).Where(field => field.Key == "solution.departements"));
        }

        var (response, _) = await app.TrackedAsync(browser, client => client.PostAsync(link, new FormUrlEncodedContent(fields), Cancellation));
        return response;
    }

    /// <summary>What a browser sends of the page's form: inputs with their values, ticked boxes, text areas.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string page)
    {
        List<KeyValuePair<string, string>> fields = [];
        foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(page, "<input [^>]*>"))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || (type is "checkbox" or "radio" && !tag.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields.Add(KeyValuePair.Create(name, Attribute(tag, "value") ?? ""));
        }

        foreach (System.Text.RegularExpressions.Match area in System.Text.RegularExpressions.Regex.Matches(page, "<textarea [^>]*name=\"(?<name>[^\"]+)\"[^>]*>(?<value>[^<]*)</textarea>"))
        {
            fields.Add(KeyValuePair.Create(area.Groups["name"].Value, area.Groups["value"].Value));
        }

        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        System.Text.RegularExpressions.Regex.Match(tag, $" {name}=\"(?<value>[^\"]*)\"") is { Success: true } match ? match.Groups["value"].Value : null;

    public sealed record Acknowledgement(string Message);
}

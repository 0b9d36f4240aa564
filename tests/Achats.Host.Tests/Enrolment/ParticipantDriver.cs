using System.Net;
using System.Text.RegularExpressions;
using Achats.Enrolment.Enrolments;
using Achats.Testing;
using JasperFx.Events;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Enrolment;

/// <summary>What the participant's page tests do, said once: ask for a link, follow it, post a step's form.</summary>
public sealed partial class ParticipantDriver(AchatsApp app)
{
    public const string Home = "/mon-inscription";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="path"/> as a browser does, and waits for what it caused.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, Cancellation);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue($"{path} holds no form with an antiforgery token");
        var form = new Dictionary<string, string>(fields)
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = formName,
        };
        var (response, _) = await app.TrackedAsync(client, c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Accept.ParseAdd("text/html");
            return c.SendAsync(request, Cancellation);
        });
        return response;
    }

    /// <summary>Asks for a sign-in link to <paramref name="email"/> from the page; returns the page's answer.</summary>
    public async Task<string> RequestLinkAsync(HttpClient client, string email)
    {
        using var response = await PostFormAsync(client, Home, "sign-in-link", new Dictionary<string, string> { ["email"] = email });
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>The path of the sign-in link in the latest email to <paramref name="email"/>.</summary>
    public async Task<string> LatestLinkAsync(string email) =>
        (await app.LatestEmailToAsync(email, "accéder à votre inscription")).LinkTo($"{Home}/connexion/");

    /// <summary>Follows a sign-in link through its button; returns the answer (a redirect to the page when it worked).</summary>
    public async Task<HttpResponseMessage> FollowLinkAsync(HttpClient client, string link) =>
        await PostFormAsync(client, link, "sign-in", new Dictionary<string, string>());

    /// <summary>A browser signed in as the participant of <paramref name="email"/>, through the emailed link.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserClient();
        await RequestLinkAsync(client, email);
        using var response = await FollowLinkAsync(client, await LatestLinkAsync(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        PathOf(response.Headers.Location!).ShouldBe(Home);
        return client;
    }

    /// <summary>A page as a browser shows its text: HTML entities (&#x27;) decoded.</summary>
    public static async Task<string> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, html);
        return WebUtility.HtmlDecode(html);
    }

    public static async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));

    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>The events of an enrolment, with who recorded them.</summary>
    public async Task<IReadOnlyList<IEvent>> EventsAsync(Guid enrolmentId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.FetchStreamAsync(enrolmentId, token: Cancellation);
    }

    public async Task<EnrolmentFile> EnrolmentAsync(Guid enrolmentId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<EnrolmentFile>(enrolmentId, Cancellation)).ShouldNotBeNull();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

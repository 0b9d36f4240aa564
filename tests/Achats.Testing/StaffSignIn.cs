using System.Net;
using System.Text.RegularExpressions;

namespace Achats.Testing;

/// <summary>Signs a staff member in through the real sign-in form, antiforgery token included.</summary>
public static partial class StaffSignIn
{
    public const string Password = "mot-de-passe-de-test-assez-long";

    /// <summary>Posts the form; the client's cookie container then carries the session. Returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/connexion");
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        }

        return await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = "sign-in",
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>Signs in and fails loudly unless the form accepted the credentials.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = Password)
    {
        using var response = await PostFormAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} refused: {(int)response.StatusCode}");
        }
    }

    /// <summary>Signs out as the page's button does, with the antiforgery token of a staff page. Returns the answer.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/mon-compte");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The staff page carries no antiforgery token.");
        }

        return await client.PostAsync("/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        }));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Achats.Shared.Web;

/// <summary>
/// What the few server-rendered pages share (the Host's public forms, Access's sign-in): French, one
/// stylesheet, hand-encoded HTML until the pages become Razor components.
/// </summary>
public static class Page
{
    // French text stays readable in the page source: only what HTML needs is escaped, not é or à.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    public static IResult Html(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{Encode(title)} — Achats circulaires et solidaires</title>
          <link rel="stylesheet" href="/achats.css">
        </head>
        <body><main>
        {body}
        </main></body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);

    /// <summary>A form posted without a valid antiforgery token: expired, or not sent from this site.</summary>
    public static IResult FormExpired(string whatToDo) => Html("Formulaire expiré", $"""
        <h1>Formulaire expiré</h1>
        <p class="error" role="alert">{Encode(whatToDo)}</p>
        """, StatusCodes.Status400BadRequest);

    /// <summary>The messages for a field, its items' included (<c>declaredMemberships[1]</c>), shown beside it.</summary>
    public static string FieldError(IDictionary<string, string[]>? errors, string name) =>
        MessagesFor(errors, name) is { Count: > 0 } messages ? $"""<span class="error">{Encode(string.Join(" ", messages))}</span>""" : "";

    /// <summary>The attribute that tells assistive technologies a field was refused.</summary>
    public static string Invalid(IDictionary<string, string[]>? errors, string name) =>
        MessagesFor(errors, name).Count > 0 ? " aria-invalid=\"true\"" : "";

    private static List<string> MessagesFor(IDictionary<string, string[]>? errors, string name) =>
        errors is null
            ? []
            : errors.Where(field => field.Key == name || field.Key.StartsWith(name + "[", StringComparison.Ordinal))
                .SelectMany(field => field.Value).Distinct().ToList();
}

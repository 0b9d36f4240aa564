using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Shared.Web;

/// <summary>Every cohort staff can choose from, the latest first; the Cohorts module answers it on the bus.</summary>
public sealed record ListCohortChoices;

public sealed record CohortChoice(Guid Id, string Name);

/// <summary>
/// The cohort staff work on, remembered across pages in a cookie: chosen in the layout, read by every page
/// that shows one cohort. Without a choice, or when the remembered cohort no longer exists, the latest.
/// </summary>
public static class SelectedCohort
{
    public const string CookieName = "achats.edition";

    /// <summary>The cohorts, and the one to show: the one a link names (<c>?edition=</c>), else the remembered one, else the latest.</summary>
    public static async Task<(IReadOnlyList<CohortChoice> Choices, CohortChoice? Selected)> ReadAsync(
        this IMessageBus bus, HttpContext http, Guid? named = null, CancellationToken cancellationToken = default)
    {
        var choices = await bus.InvokeAsync<IReadOnlyList<CohortChoice>>(new ListCohortChoices(), cancellationToken);
        var remembered = Guid.TryParse(http.Request.Cookies[CookieName], out var id) ? id : (Guid?)null;
        return (choices, choices.FirstOrDefault(choice => choice.Id == named)
            ?? choices.FirstOrDefault(choice => choice.Id == remembered)
            ?? choices.FirstOrDefault());
    }

    /// <summary><c>POST /edition</c>: remembers the chosen cohort, then goes back to the page it was chosen on.</summary>
    public static IEndpointRouteBuilder MapCohortSelection(this IEndpointRouteBuilder app)
    {
        app.MapPost("/edition", ([FromForm(Name = "edition")] Guid cohortId, [FromForm(Name = "retour")] string? back, HttpContext http) =>
            {
                http.Response.Cookies.Append(CookieName, cohortId.ToString(), new CookieOptions
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                });
                return TypedResults.LocalRedirect(IsLocal(back) ? back! : "/");
            })
            .RequireAuthorization(Access.Policies.ReadProgramme)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Only a path of this site: never <c>//elsewhere</c> or <c>/\elsewhere</c>, which browsers read as another host.</summary>
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 and < 2000 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}

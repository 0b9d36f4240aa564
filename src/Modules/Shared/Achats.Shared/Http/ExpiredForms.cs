using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Http;

/// <summary>
/// A post whose antiforgery token the framework refused (the form expired, or was not sent from this site)
/// is answered as a problem like any other: a French page to a browser, problem details to a program. A form that
/// could not be read at all (a NUL in a field) is said to be unreadable, not expired.
/// </summary>
public static class ExpiredForms
{
    public const string Type = "urn:achats:problem:form-expired";

    /// <summary>After <c>UseAntiforgery</c>, which only records its verdict.</summary>
    public static IApplicationBuilder UseExpiredFormProblem(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } verdict)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                // The token could not even be looked for when the form itself could not be read (a %00 in a field):
                // saying "expired" would send the person to reload and send the same thing again.
                ProblemDetails = verdict.Error is AntiforgeryValidationException { InnerException: InvalidDataException or IOException }
                    ? new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Type = ProblemDetailsMapping.UnreadableRequestType,
                        Title = "Formulaire illisible",
                        Detail = "Ce formulaire contient un caractère invisible non autorisé (caractère nul ou de contrôle) ou n'a pas la forme attendue : corrigez-le, puis envoyez-le de nouveau.",
                    }
                    : new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Type = Type,
                        Title = "Formulaire expiré",
                        Detail = "Ce formulaire a expiré ou ne vient pas de ce site : rechargez la page, puis envoyez-le de nouveau.",
                    },
            });
            return;
        }

        await next(context);
    });
}

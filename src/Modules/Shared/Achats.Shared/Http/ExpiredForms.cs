using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Http;

/// <summary>
/// A post whose antiforgery token the framework refused (the form expired, or was not sent from this site)
/// is answered as a problem like any other: a French page to a browser, problem details to a program.
/// </summary>
public static class ExpiredForms
{
    public const string Type = "urn:achats:problem:form-expired";

    /// <summary>After <c>UseAntiforgery</c>, which only records its verdict.</summary>
    public static IApplicationBuilder UseExpiredFormProblem(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
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

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Achats.Host.Web;

/// <summary>
/// The problem details of a request made by a browser (it accepts HTML, outside <c>/api</c>) written as a
/// French page rather than JSON: one mapping of failures serves the API and the pages alike.
/// </summary>
internal sealed class HtmlProblems : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return !request.Path.StartsWithSegments("/api")
            && request.GetTypedHeaders().Accept.Any(accepted => accepted.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var page = new RazorComponentResult<ErrorPage>(new { Problem = context.ProblemDetails })
        {
            StatusCode = http.Response.StatusCode,
            ContentType = "text/html; charset=utf-8",
        };
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        // A page that failed while rendering has already set up this request's page services: the error page
        // is rendered with fresh ones.
        var requestServices = http.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await page.ExecuteAsync(http);
        }
        finally
        {
            http.RequestServices = requestServices;
        }
    }
}

using Achats.Shared.Http;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Achats.Shared.Web;

/// <summary>
/// A page sends the same command as its API, through the bus; an expected refusal is told the way the
/// API tells it (<see cref="ProblemDetailsMapping.ProblemFor"/>: same status, same words), beside the form.
/// Anything unexpected is not caught here: it reaches the error page.
/// </summary>
public static class PageCommands
{
    public static async Task<PageOutcome<T>> SendFromPageAsync<T>(this IMessageBus bus, object command, HttpContext http, CancellationToken cancellationToken = default)
    {
        try
        {
            return new PageOutcome<T>(await bus.InvokeAsync<T>(command, cancellationToken), FormErrors.None);
        }
        catch (Exception refused) when (ProblemDetailsMapping.ProblemFor(refused) is { Status: { } status } problem)
        {
            http.Response.StatusCode = status;
            return new PageOutcome<T>(default, FormErrors.From(problem));
        }
    }

    /// <summary>A command that answers nothing: only its refusal, if any, to show.</summary>
    public static async Task<FormErrors> SendFromPageAsync(this IMessageBus bus, object command, HttpContext http, CancellationToken cancellationToken = default)
    {
        try
        {
            await bus.InvokeAsync(command, cancellationToken);
            return FormErrors.None;
        }
        catch (Exception refused) when (ProblemDetailsMapping.ProblemFor(refused) is { Status: { } status } problem)
        {
            http.Response.StatusCode = status;
            return FormErrors.From(problem);
        }
    }
}

using Achats.Shared.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Achats.Community.Spaces;

/// <summary>
/// What every page of a space shares: the door opened on each request (<see cref="VisitSpace"/>: 404 for a space not
/// open, 403 for a visitor not a member of this cohort, a former member included), before anything is shown or done.
/// </summary>
public abstract class SpacePage : ComponentBase
{
    [Parameter] public Guid CohortId { get; set; }

    [CascadingParameter] protected HttpContext Http { get; set; } = null!;

    [Inject] protected IMessageBus Bus { get; set; } = null!;

    [Inject] protected TimeProvider Time { get; set; } = null!;

    protected SpaceVisit? Visit { get; private set; }

    /// <summary>A form post of the page, answered by its own handler (which checks the visit again, in its transaction).</summary>
    protected bool Posted => HttpMethods.IsPost(Http.Request.Method);

    protected FormErrors Errors { get; set; } = FormErrors.None;

    protected override async Task OnInitializedAsync()
    {
        Visit = await Bus.InvokeAsync<SpaceVisit>(new VisitSpace(CohortId, Visitor.Of(Http.User)), Http.RequestAborted);
        await OnVisitedAsync(Visit);
    }

    /// <summary>Loads what the page shows, once the visitor is let in.</summary>
    protected virtual Task OnVisitedAsync(SpaceVisit visit) => Task.CompletedTask;
}

using System.Security.Claims;
using Achats.Shared.Access;
using Achats.Shared.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// What every step page of the participant shares: one enrolment of the signed-in address (404 for anyone else's), a
/// command sent with that address, and the way back to the participant's page once it is done.
/// </summary>
public abstract class ParticipantPage : ComponentBase
{
    [Parameter] public Guid EnrolmentId { get; set; }

    [CascadingParameter] protected HttpContext Http { get; set; } = null!;

    [Inject] protected IMessageBus Bus { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>The address the session was opened for; the page's policy guarantees there is one.</summary>
    protected string SignedInEmail => Http.User.FindFirstValue(ParticipantSession.EmailClaim) ?? "";

    protected MyEnrolmentView? View { get; private set; }

    protected bool Posted { get; set; }

    protected FormErrors Errors { get; set; } = FormErrors.None;

    protected override async Task OnInitializedAsync()
    {
        Posted = HttpMethods.IsPost(Http.Request.Method);
        if (!Posted)
        {
            await LoadAsync();
        }
    }

    protected async Task LoadAsync() =>
        View = await Bus.InvokeAsync<MyEnrolmentView>(new GetMyEnrolment(EnrolmentId, SignedInEmail), Http.RequestAborted);

    /// <summary>Sends the participant's command; done, back to their page with <paramref name="done"/> told; refused, the form again.</summary>
    protected async Task SendAsync(ParticipantCommand command, string done)
    {
        var outcome = await Bus.SendFromPageAsync<Enrolments.EnrolmentChanged>(command with { SignedInEmail = SignedInEmail }, Http, Http.RequestAborted);
        if (outcome.Succeeded)
        {
            Navigation.NavigateTo($"{MyEnrolmentPaths.Home}?fait={done}");
            return;
        }

        (Posted, Errors) = (false, outcome.Errors);
        await LoadAsync();
    }
}

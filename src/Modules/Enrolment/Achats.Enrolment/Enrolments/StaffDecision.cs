using Achats.Shared.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// The one shape of a staff decision on an enrolment: <c>POST /enrolments/{id}/{action}</c> with the
/// decision as body, for programme staff, answered with the enrolment's new version.
/// </summary>
internal static class StaffDecision
{
    public static RouteHandlerBuilder MapStaffDecision<TCommand>(
        this IEndpointRouteBuilder enrolments, string action, Func<TCommand, Guid, TCommand> forEnrolment)
        where TCommand : notnull =>
        enrolments.MapPost($"/{{enrolmentId:guid}}/{action}", async (
                Guid enrolmentId, TCommand command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<EnrolmentChanged>(forEnrolment(command, enrolmentId), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(typeof(TCommand).Name)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

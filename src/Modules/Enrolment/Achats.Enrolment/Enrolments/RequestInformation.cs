using Achats.Shared.Email;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>Staff ask the participant for more information before deciding; they decide later, on the answer.</summary>
public sealed record RequestInformation(Guid EnrolmentId, int Version, string Question);

internal sealed class RequestInformationValidator : AbstractValidator<RequestInformation>
{
    public RequestInformationValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Question).NotEmpty().WithMessage("Précisez l'information demandée au participant.")
            .MaximumLength(2000).WithMessage("La demande ne doit pas dépasser 2000 caractères.");
    }
}

public static class RequestInformationHandler
{
    /// <summary>The participant is written the question, with the way to answer it from their page.</summary>
    public static async Task<(EnrolmentChanged, Events, SendEmail)> Handle(
        RequestInformation command, [WriteEnrolment] EnrolmentFile enrolment, IQuerySession session, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var events = Decide(enrolment, command);
        var email = await EnrolmentEmails.InformationRequestedAsync(session, configuration, enrolment, command.Question.Trim(), cancellationToken);
        return (enrolment.Changed(events), [.. events], email);
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, RequestInformation command) =>
        enrolment.Status is EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested
            ? [new InformationRequested(command.Question.Trim())]
            : throw new ConflictException($"Cette inscription n'est plus à l'étude : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

internal static class RequestInformationEndpoint
{
    public static RouteHandlerBuilder MapRequestInformation(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<RequestInformation>("information-requests", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Demander des informations complémentaires");
}

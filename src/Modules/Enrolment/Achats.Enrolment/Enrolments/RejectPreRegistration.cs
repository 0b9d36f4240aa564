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

/// <summary>Staff reject a pre-registration; the reason is told to the participant. The person may pre-register again later.</summary>
public sealed record RejectPreRegistration(Guid EnrolmentId, int Version, string Reason);

internal sealed class RejectPreRegistrationValidator : AbstractValidator<RejectPreRegistration>
{
    public RejectPreRegistrationValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du refus est obligatoire : il sera communiqué au participant.")
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
    }
}

public static class RejectPreRegistrationHandler
{
    /// <summary>The colleague in a pair leaves it too, and the address may pre-register again: both written beside the enrolment's events.</summary>
    /// <summary>The participant is written the reason.</summary>
    public static async Task<(EnrolmentChanged, Events, SendEmail)> Handle(
        RejectPreRegistration command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var events = Decide(enrolment, command);
        await Colleagues.LeavePairAsync(session, enrolment, command.Reason.Trim(), cancellationToken);
        session.Delete<Registrant>(Registrant.IdOf(enrolment.CohortId, enrolment.Participant.Email));
        var email = await EnrolmentEmails.RejectedAsync(session, configuration, enrolment, command.Reason.Trim(), cancellationToken);
        return (enrolment.Changed(events), [.. events], email);
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, RejectPreRegistration command) =>
        enrolment.Status is EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested
            ? Colleagues.Closing(enrolment, new PreRegistrationRejected(command.Reason.Trim()), command.Reason.Trim())
            : throw new ConflictException($"Cette inscription ne peut plus être refusée : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

internal static class RejectPreRegistrationEndpoint
{
    public static RouteHandlerBuilder MapRejectPreRegistration(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<RejectPreRegistration>("rejection", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Refuser une pré-inscription");
}

using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Achats.Enrolment.Enrolments;

/// <summary>Staff reject a pre-registration; the reason is told to the participant. The person may pre-register again later.</summary>
public sealed record RejectPreRegistration(Guid EnrolmentId, int Version, string Reason);

public sealed class RejectPreRegistrationValidator : AbstractValidator<RejectPreRegistration>
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
    public static async Task<EnrolmentChanged> Handle(RejectPreRegistration command, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.FetchForWritingAsync(command.EnrolmentId, command.Version, cancellationToken);
        var changed = stream.Append(Decide(stream.Aggregate!, command));
        await Colleagues.LeavePairAsync(session, stream.Aggregate!, command.Reason.Trim(), cancellationToken);
        session.Delete<Registrant>(Registrant.IdOf(stream.Aggregate!.CohortId, stream.Aggregate.Participant.Email));
        return changed;
    }

    public static IReadOnlyList<object> Decide(Enrolment enrolment, RejectPreRegistration command) =>
        enrolment.Status is EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested
            ? Colleagues.Closing(enrolment, new PreRegistrationRejected(command.Reason.Trim()), command.Reason.Trim())
            : throw new ConflictException($"Cette inscription ne peut plus être refusée : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

public static class RejectPreRegistrationEndpoint
{
    public static RouteHandlerBuilder MapRejectPreRegistration(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<RejectPreRegistration>("rejection", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Refuser une pré-inscription");
}

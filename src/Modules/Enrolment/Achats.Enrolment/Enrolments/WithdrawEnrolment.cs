using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// An enrolment is withdrawn at any stage, at the participant's request or by staff, with a reason.
/// Cohorts and Community hear of it; the person may pre-register again later.
/// </summary>
public sealed record WithdrawEnrolment(Guid EnrolmentId, int Version, string Reason, WithdrawalRequester? RequestedBy);

public sealed class WithdrawEnrolmentValidator : AbstractValidator<WithdrawEnrolment>
{
    public WithdrawEnrolmentValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du retrait est obligatoire.")
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
        RuleFor(command => command.RequestedBy).NotNull().WithMessage("Précisez qui demande le retrait : le participant ou l'équipe.")
            .IsInEnum().WithMessage("Demandeur inconnu.");
    }
}

public static class WithdrawEnrolmentHandler
{
    public static async Task<(EnrolmentChanged, Contracts.EnrolmentWithdrawn)> Handle(
        WithdrawEnrolment command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await session.FetchForWritingAsync(command.EnrolmentId, command.Version, cancellationToken);
        var enrolment = stream.Aggregate!;
        var changed = stream.Append(Decide(enrolment, command));
        await Colleagues.LeavePairAsync(session, enrolment, command.Reason.Trim(), cancellationToken);
        session.Delete<Registrant>(Registrant.IdOf(enrolment.CohortId, enrolment.Participant.Email));
        return (changed, new Contracts.EnrolmentWithdrawn(enrolment.Id, enrolment.CohortId, command.Reason.Trim(),
            WasAdmitted: enrolment.Status == EnrolmentStatus.Admitted, ReplacedByEnrolmentId: null, time.GetUtcNow()));
    }

    public static IReadOnlyList<object> Decide(Enrolment enrolment, WithdrawEnrolment command) =>
        enrolment.IsOpen
            ? Colleagues.Closing(enrolment, new EnrolmentWithdrawn(command.Reason.Trim(), command.RequestedBy!.Value), command.Reason.Trim())
            : throw new ConflictException($"Cette inscription est déjà close : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

public static class WithdrawEnrolmentEndpoint
{
    public static RouteHandlerBuilder MapWithdrawEnrolment(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<WithdrawEnrolment>("withdrawal", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Retirer une inscription")
            .WithDescription("À tout moment, à la demande du participant ou de l'équipe, avec un motif.");
}

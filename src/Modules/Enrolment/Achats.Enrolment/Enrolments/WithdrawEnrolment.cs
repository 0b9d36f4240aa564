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

/// <summary>
/// An enrolment is withdrawn at any stage, at the participant's request or by staff, with a reason.
/// Cohorts and Community hear of it; the person may pre-register again later.
/// </summary>
public sealed record WithdrawEnrolment(Guid EnrolmentId, int Version, string Reason, WithdrawalRequester? RequestedBy);

internal sealed class WithdrawEnrolmentValidator : AbstractValidator<WithdrawEnrolment>
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
    /// <summary>The participant is written who asked for the withdrawal, and why.</summary>
    public static async Task<(EnrolmentChanged, Events, Contracts.EnrolmentWithdrawn, SendEmail)> Handle(
        WithdrawEnrolment command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, TimeProvider time,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (reason, requestedBy) = (command.Reason.Trim(), command.RequestedBy!.Value);
        var (events, withdrawn) = await WithdrawAsync(session, enrolment, reason, requestedBy, time, cancellationToken);
        var email = await EnrolmentEmails.WithdrawnAsync(session, configuration, enrolment, reason, requestedBy, cancellationToken);
        return (enrolment.Changed(events), [.. events], withdrawn, email);
    }

    /// <summary>
    /// The one way an enrolment is withdrawn, by staff or on a revoked charter signature: its events, and beside
    /// them the colleague leaving the pair and the address freed for a new pre-registration.
    /// </summary>
    public static async Task<(IReadOnlyList<object>, Contracts.EnrolmentWithdrawn)> WithdrawAsync(
        IDocumentSession session, EnrolmentFile enrolment, string reason, WithdrawalRequester requestedBy, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var events = Decide(enrolment, reason, requestedBy);
        await Colleagues.LeavePairAsync(session, enrolment, reason, cancellationToken);
        session.Delete<Registrant>(Registrant.IdOf(enrolment.CohortId, enrolment.Participant.Email));
        return (events, new Contracts.EnrolmentWithdrawn(enrolment.Id, enrolment.CohortId, reason,
            WasAdmitted: enrolment.Status == EnrolmentStatus.Admitted, ReplacedByEnrolmentId: null, time.GetUtcNow()));
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, WithdrawEnrolment command) =>
        Decide(enrolment, command.Reason.Trim(), command.RequestedBy!.Value);

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, string reason, WithdrawalRequester requestedBy) =>
        enrolment.IsOpen
            ? Colleagues.Closing(enrolment, new EnrolmentWithdrawn(reason, requestedBy), reason)
            : throw new ConflictException($"Cette inscription est déjà close : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

internal static class WithdrawEnrolmentEndpoint
{
    public static RouteHandlerBuilder MapWithdrawEnrolment(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<WithdrawEnrolment>("withdrawal", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Retirer une inscription")
            .WithDescription("À tout moment, à la demande du participant ou de l'équipe, avec un motif.");
}

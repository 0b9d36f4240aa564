using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Runtime.Handlers;

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
    public static Task<(EnrolmentChanged, Contracts.EnrolmentWithdrawn)> Handle(
        WithdrawEnrolment command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        WithdrawAsync(session, command.EnrolmentId, command.Version, command.Reason.Trim(), command.RequestedBy!.Value, time, cancellationToken);

    /// <summary>The one way an enrolment is withdrawn: by staff (with the version they saw) or on a revoked charter signature.</summary>
    public static async Task<(EnrolmentChanged, Contracts.EnrolmentWithdrawn)> WithdrawAsync(
        IDocumentSession session, Guid enrolmentId, int? version, string reason, WithdrawalRequester requestedBy, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var stream = await session.FetchForWritingAsync(enrolmentId, version, cancellationToken);
        var enrolment = stream.Aggregate!;
        var changed = stream.Append(Decide(enrolment, reason, requestedBy));
        await Colleagues.LeavePairAsync(session, enrolment, reason, cancellationToken);
        session.Delete<Registrant>(Registrant.IdOf(enrolment.CohortId, enrolment.Participant.Email));
        return (changed, new Contracts.EnrolmentWithdrawn(enrolment.Id, enrolment.CohortId, reason,
            WasAdmitted: enrolment.Status == EnrolmentStatus.Admitted, ReplacedByEnrolmentId: null, time.GetUtcNow()));
    }

    public static IReadOnlyList<object> Decide(Enrolment enrolment, WithdrawEnrolment command) =>
        Decide(enrolment, command.Reason.Trim(), command.RequestedBy!.Value);

    public static IReadOnlyList<object> Decide(Enrolment enrolment, string reason, WithdrawalRequester requestedBy) =>
        enrolment.IsOpen
            ? Colleagues.Closing(enrolment, new EnrolmentWithdrawn(reason, requestedBy), reason)
            : throw new ConflictException($"Cette inscription est déjà close : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

/// <summary>Charter reports a revoked signature: the participant no longer commits, so they leave the cohort.</summary>
public static class WithdrawOnRevokedSignatureHandler
{
    /// <summary>Staff may be acting on the enrolment at that moment: try again on the fresh stream.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<Contracts.EnrolmentWithdrawn?> Handle(
        Charter.Contracts.CharterSignatureRevoked revoked, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Enrolment>(revoked.EnrolmentId, cancellationToken) is not { IsOpen: true })
        {
            return null; // closed already (or a redelivery): nothing more to do
        }

        var (_, withdrawn) = await WithdrawEnrolmentHandler.WithdrawAsync(session, revoked.EnrolmentId, version: null,
            $"Signature de la charte révoquée : {revoked.Reason}", WithdrawalRequester.Participant, time, cancellationToken);
        return withdrawn;
    }
}

public static class WithdrawEnrolmentEndpoint
{
    public static RouteHandlerBuilder MapWithdrawEnrolment(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<WithdrawEnrolment>("withdrawal", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Retirer une inscription")
            .WithDescription("À tout moment, à la demande du participant ou de l'équipe, avec un motif.");
}

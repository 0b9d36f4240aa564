using Achats.Enrolment.Enrolments;
using Achats.Shared.Email;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// The participant withdraws from their page, having confirmed it: the one withdrawal of <see cref="WithdrawEnrolment"/>,
/// requested by the participant, with the participant as actor.
/// </summary>
public sealed record WithdrawMyEnrolment(Guid EnrolmentId, string Reason) : ParticipantCommand(EnrolmentId);

internal sealed class WithdrawMyEnrolmentValidator : AbstractValidator<WithdrawMyEnrolment>
{
    public WithdrawMyEnrolmentValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Dites en quelques mots pourquoi vous vous retirez.")
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
    }
}

public static class WithdrawMyEnrolmentHandler
{
    public static async Task<(EnrolmentChanged, Events, Contracts.EnrolmentWithdrawn, SendEmail)> Handle(
        WithdrawMyEnrolment command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, IMessageContext context,
        TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        command.ActAsOwner(enrolment, context, session);
        var reason = command.Reason.Trim();
        var (events, withdrawn) = await WithdrawEnrolmentHandler.WithdrawAsync(
            session, enrolment, reason, WithdrawalRequester.Participant, time, cancellationToken);
        var email = await EnrolmentEmails.WithdrawnAsync(session, configuration, enrolment, reason, WithdrawalRequester.Participant, cancellationToken);
        return (enrolment.Changed(events), [.. events], withdrawn, email);
    }
}

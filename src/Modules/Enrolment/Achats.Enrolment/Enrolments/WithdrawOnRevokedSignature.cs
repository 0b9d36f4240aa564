using Achats.Shared.Email;
using Achats.Shared.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Enrolment.Enrolments;

/// <summary>Charter reports a revoked signature: the participant no longer commits, so they leave the cohort, and are told.</summary>
public static class WithdrawOnRevokedSignatureHandler
{
    /// <summary>Staff may be acting on the enrolment at that moment: try again on the fresh stream.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<(Events, Contracts.EnrolmentWithdrawn?, SendEmail?)> Handle(
        Charter.Contracts.CharterSignatureRevoked revoked, [WriteEnrolment(Required = false)] EnrolmentFile? enrolment, IDocumentSession session,
        TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (enrolment is not { IsOpen: true })
        {
            return ([], null, null); // closed already (or a redelivery): nothing more to do
        }

        var reason = $"Signature de la charte révoquée : {revoked.Reason}";
        var (events, withdrawn) = await WithdrawEnrolmentHandler.WithdrawAsync(session, enrolment, reason, WithdrawalRequester.Participant, time, cancellationToken);
        return ([.. events], withdrawn,
            await EnrolmentEmails.WithdrawnAsync(session, configuration, enrolment, reason, WithdrawalRequester.Participant, cancellationToken));
    }
}

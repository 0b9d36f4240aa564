using Achats.Shared.Messaging;
using Marten;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Enrolment.Enrolments;

/// <summary>Charter reports a revoked signature: the participant no longer commits, so they leave the cohort.</summary>
public static class WithdrawOnRevokedSignatureHandler
{
    /// <summary>Staff may be acting on the enrolment at that moment: try again on the fresh stream.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<(Events, Contracts.EnrolmentWithdrawn?)> Handle(
        Charter.Contracts.CharterSignatureRevoked revoked, [WriteEnrolment(Required = false)] EnrolmentFile? enrolment, IDocumentSession session,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (enrolment is not { IsOpen: true })
        {
            return ([], null); // closed already (or a redelivery): nothing more to do
        }

        var (events, withdrawn) = await WithdrawEnrolmentHandler.WithdrawAsync(session, enrolment,
            $"Signature de la charte révoquée : {revoked.Reason}", WithdrawalRequester.Participant, time, cancellationToken);
        return ([.. events], withdrawn);
    }
}

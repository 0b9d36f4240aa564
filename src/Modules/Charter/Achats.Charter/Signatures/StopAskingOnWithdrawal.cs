using Achats.Enrolment.Contracts;
using Marten;

namespace Achats.Charter.Signatures;

/// <summary>Charter hears when a participant leaves the cohort: they are no longer asked to sign.</summary>
public static class StopAskingOnWithdrawalHandler
{
    public static async Task Handle(EnrolmentWithdrawn withdrawn, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Withdrawn before validation, the participant never had a file: nothing to follow.
        if (await SignatureFiles.IdOfAsync(session, withdrawn.EnrolmentId, cancellationToken) is not { } fileId)
        {
            return;
        }

        var stream = await session.Events.FetchForWriting<SignatureFile>(fileId, cancellationToken);
        if (stream.Aggregate is { Left: false } file)
        {
            // Gone from the cohort: the link stops working too.
            stream.AppendMany(file.ActiveLink is { Used: false } link
                ? [new ParticipantLeft(withdrawn.Reason), new SigningLinkVoided(link.LinkId, "Inscription retirée.")]
                : [new ParticipantLeft(withdrawn.Reason)]);
        }
    }
}

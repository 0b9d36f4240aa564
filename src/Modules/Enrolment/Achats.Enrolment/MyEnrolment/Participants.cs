using System.Text.Json.Serialization;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using Marten;
using Wolverine;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// A command a participant sends from their own page: it names the enrolment, and carries the address of the signed-in
/// session (set by the page from the session's claim, never read from a form).
/// </summary>
public abstract record ParticipantCommand(Guid EnrolmentId)
{
    [JsonIgnore]
    public string SignedInEmail { get; init; } = "";
}

internal static class Participants
{
    /// <summary>
    /// The enrolment belongs to the signed-in address; anyone else's is answered as if it did not exist (404), so that
    /// trying ids teaches nothing. Its events then record the participant as actor.
    /// </summary>
    public static void ActAsOwner(this ParticipantCommand command, EnrolmentFile enrolment, IMessageContext context, IDocumentSession session)
    {
        if (command.SignedInEmail.Length == 0 || SignInLink.Normalise(enrolment.Participant.Email) != SignInLink.Normalise(command.SignedInEmail))
        {
            throw new NotFoundException(EnrolmentStreams.NotFound.Replace("{Id}", enrolment.Id.ToString(), StringComparison.Ordinal));
        }

        ActorRelay.ActAs(context, session, Actor.ParticipantOf(enrolment.Id));
    }
}

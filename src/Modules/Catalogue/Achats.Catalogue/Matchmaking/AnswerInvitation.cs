using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Catalogue.Matchmaking;

/// <summary>What an emailed answer link opens on, without answering: a mail scanner that follows the link changes nothing.</summary>
public sealed record OpenInvitation(string Token);

/// <summary>The invited supplier answers through their link whether they will present their solution.</summary>
public sealed record AnswerInvitation(string Token, bool Presents);

/// <summary>What the link opens on: the invitation, or none when the link no longer opens (unknown, session started or cancelled).</summary>
public sealed record OpenedInvitation(InvitationView? Invitation);

/// <summary>What the answer page shows: the session and the solution, and the answer given so far.</summary>
public sealed record InvitationView(string SessionTitle, string When, string Modality, string? MeetingLink, string? Venue,
    string SolutionTitle, string SupplierName, bool? Presents);

internal sealed class AnswerInvitationValidator : AbstractValidator<AnswerInvitation>
{
    public AnswerInvitationValidator() =>
        RuleFor(command => command.Token).NotEmpty().MaximumLength(200).WithMessage(Invitations.Closed);
}

public static class OpenInvitationHandler
{
    public static async Task<OpenedInvitation> Handle(OpenInvitation query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken) =>
        new(await session.InvitationOfAsync(query.Token, cancellationToken) is var (matchmaking, invitation) && matchmaking.OpenForAnswers(time.GetUtcNow())
            ? new InvitationView(matchmaking.Details.Title, MatchmakingLabels.When(matchmaking.Details), MatchmakingLabels.Modality(matchmaking.Details.Modality),
                matchmaking.Details.MeetingLink, matchmaking.Details.Venue, invitation.SolutionTitle, invitation.SupplierName, invitation.Presents)
            : null);
}

public static class AnswerInvitationHandler
{
    /// <summary>Two answers at once: the second runs again on the first's result.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<OutgoingMessages> Handle(AnswerInvitation command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var (matchmaking, invitation) = await session.InvitationOfAsync(command.Token, cancellationToken) ?? throw Invitations.Gone();
        var stream = await session.Events.FetchForWriting<MatchmakingSession>(matchmaking.Id, cancellationToken);
        if (Decide(stream.Aggregate!, invitation.InvitationId, command.Presents, time.GetUtcNow()) is not { } answered)
        {
            return [];
        }

        stream.AppendOne(answered);
        var after = stream.Aggregate!.Apply(answered);
        // The participants' space shows which solutions will be presented: told whenever that list changes, whole.
        return after.Confirmed.SequenceEqual(stream.Aggregate!.Confirmed)
            ? []
            : [new Contracts.MatchmakingConfirmed(after.CohortId, after.SessionId, after.Confirmed)];
    }

    /// <summary>The answer to record, or null when it is the one already given; refused once the session started or was cancelled.</summary>
    public static InvitationAnswered? Decide(MatchmakingSession matchmaking, Guid invitationId, bool presents, DateTimeOffset now)
    {
        if (!matchmaking.OpenForAnswers(now))
        {
            throw Invitations.Gone();
        }

        var invitation = matchmaking.Invitations.FirstOrDefault(candidate => candidate.InvitationId == invitationId) ?? throw Invitations.Gone();
        return invitation.Presents == presents ? null : new InvitationAnswered(matchmaking.SessionId, invitationId, presents, now);
    }
}

internal static class Invitations
{
    public const string GoneRule = "invitation-closed";

    public const string Closed = "Ce lien de réponse n'est plus valable : la séance a commencé, a été annulée, ou le lien est incomplet. "
        + "Pour toute question, écrivez à l'équipe du programme.";

    public static RuleViolationException Gone() => new(GoneRule, Closed);
}

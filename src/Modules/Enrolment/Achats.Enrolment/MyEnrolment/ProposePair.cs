using Achats.Enrolment.Enrolments;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// The participant proposes a colleague as binôme, by their email. Staff confirm it with <see cref="DeclarePair"/>. The
/// participant is told the same whether or not the colleague is pre-registered: the page reveals no one's address.
/// </summary>
public sealed record ProposePair(Guid EnrolmentId, string ColleagueEmail) : ParticipantCommand(EnrolmentId);

internal sealed class ProposePairValidator : AbstractValidator<ProposePair>
{
    public ProposePairValidator()
    {
        RuleFor(command => command.ColleagueEmail).NotEmpty().WithMessage("Saisissez l'adresse électronique de votre collègue.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.")
            .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.");
    }
}

public static class ProposePairHandler
{
    public static async Task<(EnrolmentChanged, Events)> Handle(
        ProposePair command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, IMessageContext context,
        CancellationToken cancellationToken)
    {
        command.ActAsOwner(enrolment, context, session);
        var email = SignInLink.Normalise(command.ColleagueEmail);
        var colleague = await session.Query<EnrolmentFile>()
            .Where(other => other.CohortId == enrolment.CohortId && other.Participant.Email.ToLower() == email && other.Id != enrolment.Id)
            .ToListAsync(cancellationToken);
        var events = Decide(enrolment, command, colleague.FirstOrDefault(other => other.IsOpen)?.Id);
        return (enrolment.Changed(events), [.. events]);
    }

    /// <summary><paramref name="colleagueEnrolmentId"/>: the open enrolment of that address in the same cohort, when there is one.</summary>
    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, ProposePair command, Guid? colleagueEnrolmentId)
    {
        if (!enrolment.IsOpen)
        {
            throw new ConflictException($"Votre inscription est {EnrolmentMessages.Describe(enrolment.Status)} : elle ne forme plus de binôme.");
        }

        if (enrolment.PairedWith is not null)
        {
            throw new ConflictException("Vous êtes déjà en binôme : écrivez à l'équipe du programme pour en changer.");
        }

        var email = SignInLink.Normalise(command.ColleagueEmail);
        if (email == SignInLink.Normalise(enrolment.Participant.Email))
        {
            throw new RuleViolationException("pair-with-oneself", "Proposez l'adresse d'un ou d'une collègue, pas la vôtre.",
                new Dictionary<string, object?> { [RuleViolationException.FieldKey] = "colleagueEmail" });
        }

        return [new PairProposed(email, colleagueEnrolmentId)];
    }
}

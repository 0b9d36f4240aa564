using Achats.Enrolment.Memberships;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// A colleague takes a participant's place. The old enrolment ends (replaced) and a new one starts with
/// the organisation, memberships, eligibility, project and pair of the old, at the stage it had reached
/// (a validated or admitted place stays validated: the newcomer still signs the charter). Both histories stay.
/// </summary>
public sealed record ReplaceParticipant(Guid EnrolmentId, int Version, string Reason, ParticipantDetails? NewParticipant);

internal sealed class ReplaceParticipantValidator : AbstractValidator<ReplaceParticipant>
{
    public ReplaceParticipantValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du remplacement est obligatoire.")
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
        RuleFor(command => command.NewParticipant).NotNull().WithMessage("Les informations sur le nouveau participant sont obligatoires.")
            .SetValidator(new ParticipantDetailsValidator()!);
    }
}

/// <summary>The replacement's enrolment, and what the old one now is.</summary>
public sealed record Replacement(Guid EnrolmentId, string Reference, EnrolmentChanged Replaced);

public static class ReplaceParticipantHandler
{
    /// <summary>The replaced enrolment's events go through the workflow; the newcomer's stream starts and the colleague's follows beside them.</summary>
    public static async Task<(Replacement, Events, OutgoingMessages)> Handle(
        ReplaceParticipant command, [WriteEnrolment] EnrolmentFile old, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var newcomer = command.NewParticipant!.ToParticipant();
        var registrantId = Registrant.IdOf(old.CohortId, newcomer.Email);
        if (await session.LoadAsync<Registrant>(registrantId, cancellationToken) is { } existing)
        {
            throw new ConflictException("Cette adresse électronique est déjà pré-inscrite à cette édition.",
                new Dictionary<string, object?> { ["existingEnrolmentId"] = existing.EnrolmentId });
        }

        var attested = await session.AttestedAsync(old.Organisation.Siren, time.TodayInParis(), cancellationToken);
        var reference = await EnrolmentReferences.NextAsync(session, time.TodayInParis().Year, cancellationToken);
        var decision = Decide(old, command, attested, Guid.CreateVersion7(), reference, time.GetUtcNow());
        var replaced = old.Changed(decision.OldEvents);
        session.Events.StartStream<EnrolmentFile>(decision.NewEnrolmentId, decision.NewEvents.ToArray());
        var outgoing = new OutgoingMessages
        {
            new Contracts.EnrolmentWithdrawn(old.Id, old.CohortId, command.Reason.Trim(), old.Status == EnrolmentStatus.Admitted,
                decision.NewEnrolmentId, time.GetUtcNow()),
        };
        if (old.PairedWith is { } colleagueId)
        {
            var (colleague, _) = await session.FetchForWritingAsync(colleagueId, cancellationToken);
            colleague.AppendOne(new PairDeclared(decision.NewEnrolmentId));
        }

        var validated = old.Status is EnrolmentStatus.Validated or EnrolmentStatus.Admitted;
        if (validated)
        {
            outgoing.Add(ValidatePreRegistrationHandler.SignatureRequest(old with { Id = decision.NewEnrolmentId, Participant = newcomer }));
        }

        session.Delete<Registrant>(Registrant.IdOf(old.CohortId, old.Participant.Email));
        session.Insert(new Registrant(registrantId, decision.NewEnrolmentId, IdempotencyKey: null, new PreRegistrationReceipt(
            decision.NewEnrolmentId,
            reference,
            validated ? EnrolmentStatus.Validated : EnrolmentStatus.PreRegistered,
            old.EffectiveEligibility ?? Eligibility.EligibilityOutcome.MembershipRequired,
            old.Eligibility?.Reasons ?? [])));
        return (new Replacement(decision.NewEnrolmentId, reference, replaced), [.. decision.OldEvents], outgoing);
    }

    public sealed record Decision(Guid NewEnrolmentId, IReadOnlyList<object> OldEvents, IReadOnlyList<object> NewEvents);

    public static Decision Decide(
        EnrolmentFile old, ReplaceParticipant command, IReadOnlyList<Eligibility.Membership> attested, Guid newEnrolmentId, string reference, DateTimeOffset now)
    {
        if (!old.IsOpen)
        {
            throw new ConflictException($"Cette inscription est close : elle est {EnrolmentMessages.Describe(old.Status)}.");
        }

        var reason = command.Reason.Trim();
        var why = $"Reprise de l'inscription remplacée ({old.Participant.Name()}) : {reason}";
        List<object> started =
        [
            new PreRegistrationSubmitted(newEnrolmentId, old.CohortId, command.NewParticipant!.ToParticipant(), old.Organisation,
                old.DeclaredMemberships, old.Project, now, Replaces: old.Id, reference),
        ];
        started.Add(EligibilityAssessed.Decide(old.Organisation, old.DeclaredMemberships, attested, why));

        if (old.Override is { } overridden)
        {
            started.Add(overridden with { Reason = $"{overridden.Reason} ({why})" });
        }

        if (old.PairedWith is { } colleague)
        {
            started.Add(new PairDeclared(colleague));
        }

        if (old.Status is EnrolmentStatus.Validated or EnrolmentStatus.Admitted)
        {
            started.Add(new PreRegistrationValidated(why));
        }

        // The pair moves to the newcomer: the old enrolment leaves it.
        List<object> ended = [new ParticipantReplaced(newEnrolmentId, reason)];
        if (old.PairedWith is { } pairedWith)
        {
            ended.Add(new PairDissolved(pairedWith, why));
        }

        return new Decision(newEnrolmentId, ended, started);
    }
}

internal static class ReplaceParticipantEndpoint
{
    public static RouteHandlerBuilder MapReplaceParticipant(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapPost("/{enrolmentId:guid}/replacement", async (
                Guid enrolmentId, ReplaceParticipant command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var replacement = await bus.InvokeAsync<Replacement>(command with { EnrolmentId = enrolmentId }, cancellationToken);
                return TypedResults.Created($"/api/enrolment/v1/enrolments/{replacement.EnrolmentId}", replacement);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ReplaceParticipant))
            .WithSummary("Remplacer un participant par un ou une collègue")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Achats.Enrolment.Enrolments;

/// <summary>Two colleagues of one organisation, in the same cohort, take part as a pair (binôme).</summary>
public sealed record DeclarePair(Guid EnrolmentId, Guid ColleagueEnrolmentId);

public sealed class DeclarePairValidator : AbstractValidator<DeclarePair>
{
    public DeclarePairValidator()
    {
        RuleFor(command => command.ColleagueEnrolmentId).NotEmpty().WithMessage("Indiquez l'inscription du ou de la collègue.")
            .NotEqual(command => command.EnrolmentId).WithMessage("Un binôme réunit deux inscriptions différentes.");
    }
}

public static class DeclarePairHandler
{
    /// <summary>Both enrolments change: the named one through the workflow, the colleague's stream beside it.</summary>
    public static async Task<(EnrolmentChanged, Events, Contracts.PairDeclared)> Handle(
        DeclarePair command, [WriteEnrolment] Enrolment enrolment, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (colleagueStream, colleague) = await session.FetchForWritingAsync(command.ColleagueEnrolmentId, cancellationToken);
        var (events, colleagueEvents) = Decide(enrolment, colleague);
        colleagueStream.AppendMany(colleagueEvents);
        return (enrolment.Changed(events), [.. events], new Contracts.PairDeclared(enrolment.CohortId, enrolment.Id, colleague.Id));
    }

    public static (IReadOnlyList<object>, IReadOnlyList<object>) Decide(Enrolment enrolment, Enrolment colleague)
    {
        Colleagues.EnsureSameOrganisationAndCohort(enrolment, colleague);
        if (enrolment.PairedWith == colleague.Id)
        {
            throw new ConflictException("Ces deux inscriptions forment déjà un binôme.");
        }

        if (enrolment.PairedWith is not null || colleague.PairedWith is not null)
        {
            throw new ConflictException("L'une de ces inscriptions est déjà en binôme : dissolvez d'abord ce binôme.");
        }

        return ([new PairDeclared(colleague.Id)], [new PairDeclared(enrolment.Id)]);
    }
}

/// <summary>Undoes a pair, with a reason, on both enrolments.</summary>
public sealed record DissolvePair(Guid EnrolmentId, string Reason);

public sealed class DissolvePairValidator : AbstractValidator<DissolvePair>
{
    public DissolvePairValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage(EnrolmentMessages.ReasonRequired)
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
    }
}

public static class DissolvePairHandler
{
    /// <summary>Both enrolments change: the named one through the workflow, the colleague's stream beside it.</summary>
    public static async Task<(EnrolmentChanged, Events, Contracts.PairDissolved)> Handle(
        DissolvePair command, [WriteEnrolment] Enrolment enrolment, IDocumentSession session, CancellationToken cancellationToken)
    {
        var colleagueId = enrolment.PairedWith ?? throw new ConflictException("Cette inscription n'est pas en binôme.");
        var (colleagueStream, colleague) = await session.FetchForWritingAsync(colleagueId, cancellationToken);
        var reason = command.Reason.Trim();
        if (colleague.PairedWith == enrolment.Id)
        {
            colleagueStream.AppendOne(new PairDissolved(enrolment.Id, reason));
        }

        Events events = [new PairDissolved(colleagueId, reason)];
        return (enrolment.Changed(events), events, new Contracts.PairDissolved(enrolment.CohortId, enrolment.Id, colleagueId, reason));
    }
}

/// <summary>The rules every link between colleagues (pair, shared project) follows.</summary>
public static class Colleagues
{
    /// <summary>The events of an enrolment that closes (rejected, withdrawn): it leaves its pair.</summary>
    public static IReadOnlyList<object> Closing(Enrolment closing, object closed, string reason) =>
        closing.PairedWith is { } colleague ? [closed, new PairDissolved(colleague, reason)] : [closed];

    /// <summary>The colleague of an enrolment that closes leaves the pair too, told why.</summary>
    public static async Task LeavePairAsync(IDocumentSession session, Enrolment closing, string reason, CancellationToken cancellationToken)
    {
        if (closing.PairedWith is not { } colleagueId)
        {
            return;
        }

        var (colleagueStream, colleague) = await session.FetchForWritingAsync(colleagueId, cancellationToken);
        if (colleague.PairedWith == closing.Id)
        {
            colleagueStream.AppendOne(new PairDissolved(closing.Id, $"Inscription de {closing.Participant.Name()} close : {reason}"));
        }

    }

    public static void EnsureSameOrganisationAndCohort(Enrolment enrolment, Enrolment colleague)
    {
        if (enrolment.CohortId != colleague.CohortId)
        {
            throw new RuleViolationException("not-colleagues", "Les deux inscriptions doivent porter sur la même édition.");
        }

        if (enrolment.Organisation.Siren is null || enrolment.Organisation.Siren != colleague.Organisation.Siren)
        {
            throw new RuleViolationException("not-colleagues", "Les deux inscriptions doivent venir de la même structure (même SIREN).");
        }

        if (!enrolment.IsOpen || !colleague.IsOpen)
        {
            throw new ConflictException("L'une de ces inscriptions est close (refusée ou retirée).");
        }
    }
}

public static class PairEndpoints
{
    public static IEndpointRouteBuilder MapPairs(this IEndpointRouteBuilder enrolments)
    {
        enrolments.MapStaffDecision<DeclarePair>("pair", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Déclarer un binôme");
        enrolments.MapStaffDecision<DissolvePair>("pair/dissolution", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Dissoudre un binôme");
        return enrolments;
    }
}

using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>Two colleagues of one organisation, in the same cohort, take part as a pair (binôme).</summary>
public sealed record DeclarePair(Guid EnrolmentId, Guid ColleagueEnrolmentId);

internal sealed class DeclarePairValidator : AbstractValidator<DeclarePair>
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
        DeclarePair command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (colleagueStream, colleague) = await session.FetchForWritingAsync(command.ColleagueEnrolmentId, cancellationToken);
        var (events, colleagueEvents) = Decide(enrolment, colleague);
        colleagueStream.AppendMany(colleagueEvents);
        return (enrolment.Changed(events), [.. events], new Contracts.PairDeclared(enrolment.CohortId, enrolment.Id, colleague.Id));
    }

    public static (IReadOnlyList<object>, IReadOnlyList<object>) Decide(EnrolmentFile enrolment, EnrolmentFile colleague)
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

internal static class DeclarePairEndpoint
{
    public static RouteHandlerBuilder MapDeclarePair(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<DeclarePair>("pair", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Déclarer un binôme");
}

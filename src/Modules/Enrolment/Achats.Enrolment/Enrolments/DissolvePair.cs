using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>Undoes a pair, with a reason, on both enrolments.</summary>
public sealed record DissolvePair(Guid EnrolmentId, string Reason);

internal sealed class DissolvePairValidator : AbstractValidator<DissolvePair>
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
        DissolvePair command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, CancellationToken cancellationToken)
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

internal static class DissolvePairEndpoint
{
    public static RouteHandlerBuilder MapDissolvePair(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<DissolvePair>("pair/dissolution", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Dissoudre un binôme");
}

using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>One enrolment as it is now, or as it was at a past moment (auditors replay its events up to then).</summary>
public sealed record GetEnrolment(Guid EnrolmentId, DateTimeOffset? AsOf);

public static class GetEnrolmentHandler
{
    public static async Task<EnrolmentFile> Handle(GetEnrolment query, IQuerySession session, CancellationToken cancellationToken)
    {
        // Any offset names the same instant; Npgsql writes a timestamptz parameter from UTC only.
        var enrolment = query.AsOf is { } asOf
            ? await session.Events.AggregateStreamAsync<EnrolmentFile>(query.EnrolmentId, timestamp: asOf.ToUniversalTime(), token: cancellationToken)
            : await session.LoadAsync<EnrolmentFile>(query.EnrolmentId, cancellationToken);
        return enrolment ?? throw new NotFoundException(query.AsOf is null
            ? $"Aucune inscription n'a l'identifiant {query.EnrolmentId}."
            : $"L'inscription {query.EnrolmentId} n'existait pas encore à cette date.");
    }
}

internal static class GetEnrolmentEndpoint
{
    public static RouteHandlerBuilder MapGetEnrolment(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapGet("/{enrolmentId:guid}", async (Guid enrolmentId, DateTimeOffset? asOf, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<EnrolmentFile>(new GetEnrolment(enrolmentId, asOf), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetEnrolment))
            .WithSummary("Consulter une inscription, aujourd'hui ou à une date passée (asOf)")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

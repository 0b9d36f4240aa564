using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Matchmaking;

/// <summary>One kept session: what it is, the published solutions proposed for it, and the invitations sent with their answers.</summary>
public sealed record GetMatchmakingSession(Guid SessionId);

public sealed record MatchmakingSessionView(
    Guid SessionId,
    Guid CohortId,
    int Version,
    MatchmakingDetails Details,
    string? CancellationReason,
    bool OpenForInvitations,
    IReadOnlyList<ProposedSolution> Proposals,
    IReadOnlyList<InvitationSummary> Invitations);

/// <summary>A published solution of one of the session's categories; <paramref name="Invited"/> once staff invited its supplier.</summary>
public sealed record ProposedSolution(Guid SolutionId, string Title, string SupplierName, string Summary, bool Invited);

/// <summary>An invitation as staff read it: the solution, whom it was sent to, and the answer (null while awaited).</summary>
public sealed record InvitationSummary(Guid InvitationId, Guid SolutionId, string SolutionTitle, string SupplierName, string ContactName, bool? Presents, DateTimeOffset? AnsweredAt);

public static class GetMatchmakingSessionHandler
{
    public static async Task<MatchmakingSessionView> Handle(GetMatchmakingSession query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var matchmaking = await session.LoadSessionAsync(query.SessionId, cancellationToken);
        var proposals = await session.ProposalsAsync(matchmaking, cancellationToken);
        var invited = matchmaking.Invitations.Select(invitation => invitation.SolutionId).ToHashSet();
        return new MatchmakingSessionView(
            matchmaking.SessionId,
            matchmaking.CohortId,
            matchmaking.Version,
            matchmaking.Details,
            matchmaking.CancellationReason,
            !matchmaking.IsCancelled && time.GetUtcNow() < matchmaking.Details.StartsAt,
            proposals.Select(solution => new ProposedSolution(solution.Id, solution.Published!.Solution.Title, solution.Published.Supplier.Name,
                solution.Published.Solution.Summary, invited.Contains(solution.Id))).ToList(),
            matchmaking.Invitations.Select(invitation => new InvitationSummary(invitation.InvitationId, invitation.SolutionId, invitation.SolutionTitle,
                invitation.SupplierName, invitation.ContactName, invitation.Presents, invitation.AnsweredAt)).ToList());
    }
}

internal static class GetMatchmakingSessionEndpoint
{
    public static RouteHandlerBuilder MapGetMatchmakingSession(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapGet("/matchmaking/sessions/{sessionId:guid}", async (Guid sessionId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<MatchmakingSessionView>(new GetMatchmakingSession(sessionId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetMatchmakingSession))
            .WithSummary("Lire une séance de mise en relation")
            .WithDescription("La séance, les solutions publiées proposées (de ses catégories d'achat), les invitations envoyées et leurs réponses.")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

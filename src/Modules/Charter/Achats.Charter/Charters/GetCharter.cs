using Achats.Charter.Signatures;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Charters;

/// <summary>A cohort's charter as staff see it: the draft, every published version, and who waits for the first one.</summary>
public sealed record GetCharter(Guid CohortId);

/// <summary>
/// The charter of a cohort (no draft and no version when nobody has written it yet), and the number of participants
/// validated who wait for its first publication to receive their signing link.
/// </summary>
public sealed record CharterOverview(Guid CohortId, CharterText? Draft, IReadOnlyList<CharterVersion> Versions, int AwaitingPublication)
{
    /// <summary>The version participants sign now: the latest published.</summary>
    public CharterVersion? Current => Versions.Count == 0 ? null : Versions[^1];
}

public static class GetCharterHandler
{
    public static async Task<CharterOverview> Handle(GetCharter query, IQuerySession session, IMessageBus bus, CancellationToken cancellationToken)
    {
        var charter = await session.CharterOfAsync(query.CohortId, cancellationToken);
        if (charter is null)
        {
            await bus.RequireCohortAsync(query.CohortId, cancellationToken);
        }

        // Before the first version, nobody validated has a link: each file still committed waits for it.
        var awaiting = charter?.Current is not null ? 0 : await session.Query<SignatureFile>()
            .CountAsync(file => file.CohortId == query.CohortId && !file.Left && file.Revocation == null, cancellationToken);
        return new CharterOverview(query.CohortId, charter?.Draft, charter?.Versions ?? [], awaiting);
    }
}

internal static class GetCharterEndpoint
{
    public static RouteHandlerBuilder MapGetCharter(this IEndpointRouteBuilder charter) =>
        charter.MapGet("/cohorts/{cohortId:guid}", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CharterOverview>(new GetCharter(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetCharter))
            .WithSummary("Consulter la charte d'une édition : brouillon, versions publiées, participant·es validé·es qui attendent la première")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

using Achats.Cohorts.Cohorts;
using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Roster;

/// <summary>The cohort's roster: who is in it now, then who left, by name.</summary>
public sealed record GetRoster(Guid CohortId);

public sealed record RosterView(Guid CohortId, int MemberCount, IReadOnlyList<RosterMember> Members, IReadOnlyList<RosterMember> FormerMembers);

public static class GetRosterHandler
{
    public static async Task<RosterView> Handle(GetRoster query, IQuerySession session, CancellationToken cancellationToken)
    {
        await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var everyone = await session.RosterOfAsync(query.CohortId, cancellationToken);
        var members = everyone.Where(member => member.IsMember).ToList();
        return new RosterView(query.CohortId, members.Count, members, everyone.Where(member => !member.IsMember).ToList());
    }
}

internal static class Rosters
{
    /// <summary>Everyone who was ever on the cohort's roster, by last then first name.</summary>
    public static async Task<IReadOnlyList<RosterMember>> RosterOfAsync(this IQuerySession session, Guid cohortId, CancellationToken cancellationToken) =>
        await session.Query<RosterMember>()
            .Where(member => member.CohortId == cohortId)
            .OrderBy(member => member.LastName).ThenBy(member => member.FirstName)
            .ToListAsync(cancellationToken);
}

internal static class GetRosterEndpoints
{
    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder cohorts)
    {
        cohorts.MapGet("/cohorts/{cohortId:guid}/roster", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<RosterView>(new GetRoster(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetRoster))
            .WithSummary("Lire la liste des participants d'une édition")
            .ProducesProblem(StatusCodes.Status404NotFound);

        cohorts.MapGet("/cohorts/{cohortId:guid}/roster" + TableExport.Formats, async (Guid cohortId, string format, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var roster = await bus.InvokeAsync<RosterView>(new GetRoster(cohortId), cancellationToken);
                var names = roster.Members.Concat(roster.FormerMembers).ToDictionary(member => member.Id, member => member.Name);
                return TableExport.Download(format, "participants", "Participants",
                    ["Nom", "Prénom", "Courriel", "Structure", "SIREN", "Secteur", "Profil", "Binôme", "Admis le", "Parti le", "Motif du départ"],
                    roster.Members.Concat(roster.FormerMembers).Select(member => (IReadOnlyList<string?>)
                    [
                        member.LastName, member.FirstName, member.Email, member.OrganisationName, member.Siren, SectorLabels.Of(member.Sector),
                        ProfileLabels.Of(member.Profile), member.PairedWith is { } partner ? names.GetValueOrDefault(partner) : null,
                        FrenchDates.Short(member.JoinedAt.ParisDate()), member.LeftAt is { } left ? FrenchDates.Short(left.ParisDate()) : null, member.LeftReason,
                    ]));
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName("ExportRoster")
            .WithSummary("Exporter la liste des participants (CSV ou Excel)")
            .ProducesTable()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return cohorts;
    }
}

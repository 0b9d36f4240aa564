using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.Memberships;
using Achats.Shared.Access;
using Achats.Shared.France;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Organisations;

/// <summary>An organisation's group (same SIREN): its enrolments, pairs, purchasing projects, declared and attested memberships.</summary>
public sealed record GetOrganisation(string Siren);

public sealed record OrganisationView(
    string Siren,
    string Name,
    string? Commune,
    IReadOnlyList<Enrolments.EnrolmentFile> Enrolments,
    IReadOnlyList<Pair> Pairs,
    IReadOnlyList<ProjectTeam> Projects,
    IReadOnlyList<Membership> DeclaredMemberships,
    IReadOnlyList<MembershipAttestation> Attestations)
{
    /// <summary>The kind of organisation its latest enrolment declared.</summary>
    public OrganisationKind Kind => Enrolments[^1].Organisation.Kind;

    /// <summary>Whether its commune lies in the Métropole du Grand Paris; unknown without a commune.</summary>
    public bool? InMgpTerritory => Enrolments[^1].Organisation.CommuneInseeCode is { } insee ? MgpTerritory.Contains(insee) : null;
}

public sealed record Pair(Guid CohortId, Guid FirstEnrolmentId, Guid SecondEnrolmentId);

public sealed record ProjectTeam(PurchasingProject Project, IReadOnlyList<Guid> EnrolmentIds);

public static class GetOrganisationHandler
{
    public static async Task<OrganisationView> Handle(GetOrganisation query, IQuerySession session, CancellationToken cancellationToken)
    {
        var enrolments = await session.Query<Enrolments.EnrolmentFile>()
            .Where(enrolment => enrolment.Organisation.Siren == query.Siren)
            .OrderBy(enrolment => enrolment.SubmittedAt)
            .ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            throw new NotFoundException($"Aucune inscription pour le SIREN {query.Siren}.");
        }

        var attestations = await session.Query<MembershipAttestation>()
            .Where(attestation => attestation.Siren == query.Siren)
            .ToListAsync(cancellationToken);
        var latest = enrolments[^1].Organisation;
        return new OrganisationView(
            query.Siren,
            latest.Name,
            latest.CommuneInseeCode is { } insee ? Communes.Find(insee) : null,
            enrolments,
            // A pair holds while both enrolments are open and name each other.
            enrolments.Where(enrolment => enrolment.IsOpen && enrolment.PairedWith is { } colleague && enrolment.Id.CompareTo(colleague) < 0
                    && enrolments.Any(other => other.Id == colleague && other.IsOpen && other.PairedWith == enrolment.Id))
                .Select(enrolment => new Pair(enrolment.CohortId, enrolment.Id, enrolment.PairedWith!.Value))
                .ToList(),
            enrolments.Where(enrolment => enrolment.Project is not null && enrolment.IsOpen)
                .GroupBy(enrolment => enrolment.Project!.Id)
                .Select(team => new ProjectTeam(team.First().Project!, team.Select(enrolment => enrolment.Id).ToList()))
                .ToList(),
            enrolments.SelectMany(enrolment => enrolment.DeclaredMemberships).Distinct().Order().ToList(),
            attestations.OrderBy(attestation => attestation.Membership).ToList());
    }
}

internal static class GetOrganisationEndpoint
{
    public static RouteHandlerBuilder MapGetOrganisation(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapGet("/organisations/{siren}", async (string siren, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<OrganisationView>(new GetOrganisation(siren), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetOrganisation))
            .WithSummary("Vue d'une structure : ses inscriptions, binômes, projets d'achat et adhésions")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>For staff: who has signed the current version, who is asked to sign again, and who let the deadline pass.</summary>
public sealed record GetResignatureReport(Guid CohortId);

public sealed record ResignatureLine(
    Guid EnrolmentId, string Name, string Organisation, int? SignedVersion, int? AskedVersion, DateTimeOffset? Deadline, bool Lapsed);

public sealed record ResignatureReport(int? CurrentVersion, int UpToDate, int Pending, int Lapsed, IReadOnlyList<ResignatureLine> Participants);

public static class GetResignatureReportHandler
{
    public static async Task<ResignatureReport> Handle(GetResignatureReport query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var charter = await Charters.CharterStreams.CharterOfAsync(session, query.CohortId, cancellationToken);
        var files = await session.Query<SignatureFile>().Where(file => file.CohortId == query.CohortId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lines = files.Where(file => file is { Committable: true, SignedVersion: not null })
            .Select(file => new ResignatureLine(file.EnrolmentId, file.Signer.Name, file.Signer.OrganisationName, file.SignedVersion,
                file.PendingResignature?.VersionNumber, file.PendingResignature?.Deadline, file.PendingResignature is { } pending && pending.Deadline < now))
            .OrderBy(line => line.Name)
            .ToList();
        return new ResignatureReport(charter?.Current?.Number,
            lines.Count(line => line.SignedVersion == charter?.Current?.Number),
            lines.Count(line => line.AskedVersion is not null && !line.Lapsed),
            lines.Count(line => line.Lapsed),
            lines);
    }
}

/// <summary>Only those who let the deadline pass, for the dashboard: read without loading every file of the cohort.</summary>
public sealed record ListLapsedResignatures(Guid CohortId);

public static class ListLapsedResignaturesHandler
{
    public static async Task<IReadOnlyList<ResignatureLine>> Handle(
        ListLapsedResignatures query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var files = await session.Query<SignatureFile>()
            .Where(file => file.CohortId == query.CohortId && file.PendingResignature != null && file.PendingResignature.Deadline < now)
            .ToListAsync(cancellationToken);
        return files.Where(file => file is { Committable: true, SignedVersion: not null })
            .Select(file => new ResignatureLine(file.EnrolmentId, file.Signer.Name, file.Signer.OrganisationName, file.SignedVersion,
                file.PendingResignature!.VersionNumber, file.PendingResignature.Deadline, Lapsed: true))
            .OrderBy(line => line.Deadline)
            .ToList();
    }
}

internal static class GetResignatureReportEndpoint
{
    public static RouteHandlerBuilder MapGetResignatureReport(this IEndpointRouteBuilder charter) =>
        charter.MapGet("/cohorts/{cohortId:guid}/signatures", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ResignatureReport>(new GetResignatureReport(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetResignatureReport))
            .WithSummary("Signatures des participants admis : à jour, en attente d'une nouvelle signature, délai dépassé");
}

using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>
/// For staff: every validated participant still in the cohort and where they stand with its charter: up to date,
/// asked to sign again, past the deadline, never signed, or revoked.
/// </summary>
public sealed record GetResignatureReport(Guid CohortId);

/// <summary>Where a participant stands with the charter, each state exclusive of the others.</summary>
public enum SignatureStatus
{
    /// <summary>Signed the current version.</summary>
    UpToDate,

    /// <summary>Signed an earlier version, asked to sign the current one by a deadline not yet passed.</summary>
    Pending,

    /// <summary>Asked to sign the current version and let the deadline pass.</summary>
    Lapsed,

    /// <summary>Validated, not a single signature yet.</summary>
    NeverSigned,

    /// <summary>Revoked their signature.</summary>
    Revoked,
}

public sealed record ResignatureLine(
    Guid EnrolmentId, string Name, string Organisation, int? SignedVersion, int? AskedVersion, DateTimeOffset? Deadline, bool Lapsed)
{
    public SignatureStatus Status { get; init; } = Lapsed ? SignatureStatus.Lapsed : SignatureStatus.Pending;

    /// <summary>Their function, as a paper signature records it.</summary>
    public string JobTitle { get; init; } = "";

    /// <summary>Until when the link last emailed works; null when none is out.</summary>
    public DateTimeOffset? LinkExpiresAt { get; init; }
}

public sealed record ResignatureReport(
    int? CurrentVersion, int UpToDate, int Pending, int Lapsed, IReadOnlyList<ResignatureLine> Participants)
{
    public int NeverSigned => Participants.Count(line => line.Status == SignatureStatus.NeverSigned);

    public int Revoked => Participants.Count(line => line.Status == SignatureStatus.Revoked);
}

public static class GetResignatureReportHandler
{
    public static async Task<ResignatureReport> Handle(GetResignatureReport query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var charter = await Charters.CharterStreams.CharterOfAsync(session, query.CohortId, cancellationToken);
        var files = await session.Query<SignatureFile>().Where(file => file.CohortId == query.CohortId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lines = files.Where(file => !file.Left || file.Revocation is not null)
            .Select(file => LineOf(file, now))
            .OrderBy(line => line.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))
            .ToList();
        return new ResignatureReport(charter?.Current?.Number,
            lines.Count(line => line.Status == SignatureStatus.UpToDate),
            lines.Count(line => line.Status == SignatureStatus.Pending),
            lines.Count(line => line.Status == SignatureStatus.Lapsed),
            lines);
    }

    public static ResignatureLine LineOf(SignatureFile file, DateTimeOffset now)
    {
        var pending = file.PendingResignature;
        var lapsed = pending is not null && pending.Deadline < now;
        return new ResignatureLine(file.EnrolmentId, file.Signer.Name, file.Signer.OrganisationName, file.SignedVersion,
            pending?.VersionNumber, pending?.Deadline, lapsed)
        {
            Status = file switch
            {
                { Revocation: not null } => SignatureStatus.Revoked,
                { SignedVersion: null } => SignatureStatus.NeverSigned,
                _ when lapsed => SignatureStatus.Lapsed,
                { PendingResignature: not null } => SignatureStatus.Pending,
                _ => SignatureStatus.UpToDate,
            },
            JobTitle = file.Signer.JobTitle,
            LinkExpiresAt = file.ActiveLink is { Used: false } link ? link.ExpiresAt : null,
        };
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
            .Select(file => GetResignatureReportHandler.LineOf(file, now))
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
            .WithSummary("Signatures des participants validés : à jour, en attente d'une nouvelle signature, délai dépassé, jamais signée, révoquée");
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Achats.Audit.Chain;
using Achats.Audit.Contracts;
using Achats.Charter.Contracts;
using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Achats.Shared.Web;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Audit.Export;

/// <summary>« Exporter pour audit »: a cohort's history as a zip that verifies offline (ADR 0060); the export is recorded.</summary>
public sealed record ExportCohort(Guid CohortId);

/// <summary>The zip, its file name, and the SHA-256 of its manifest (as recorded).</summary>
public sealed record CohortExport(byte[] Zip, string FileName, string ManifestSha256);

/// <summary>An export made: who, when, which cohort, and the manifest's SHA-256, which identifies the zip's content.</summary>
public sealed record AuditExportRecord(Guid Id, Guid CohortId, string ExportedBy, DateTimeOffset ExportedAt, string ManifestSha256, int Streams, long Events);

internal sealed class ExportCohortValidator : AbstractValidator<ExportCohort>
{
    public ExportCohortValidator() =>
        RuleFor(command => command.CohortId).NotEqual(Guid.Empty).WithMessage("Choisissez l'édition à exporter.");
}

public static class ExportCohortHandler
{
    public static async Task<CohortExport> Handle(
        ExportCohort command, IDocumentSession session, IMessageContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var cohorts = await context.InvokeAsync<IReadOnlyList<CohortChoice>>(new ListCohortChoices(), cancellationToken);
        var cohort = cohorts.FirstOrDefault(choice => choice.Id == command.CohortId)
            ?? throw new NotFoundException($"Aucune édition n'a l'identifiant {command.CohortId}.");
        var actor = context.UserName ?? Actor.System.ToString();
        var now = time.GetUtcNow();

        var streams = await ChainStore.StreamsOfCohortAsync(session, command.CohortId, cancellationToken);
        var events = new StringBuilder();
        long count = 0;
        await foreach (var recorded in ChainStore.ReadAsync(session, streams, cancellationToken))
        {
            events.Append(JsonSerializer.Serialize(ExportedEvent.From(recorded), ExportFormat.Json)).Append('\n');
            count++;
        }

        var enrolments = await context.InvokeAsync<IReadOnlyList<CohortEnrolment>>(new GetCohortEnrolments(command.CohortId), cancellationToken);
        var charter = await context.InvokeAsync<IReadOnlyList<PublishedCharterVersion>>(new ListCharterVersions(command.CohortId), cancellationToken);
        var seal = await ChainStore.LatestSealAsync(session, cancellationToken);

        var files = new Dictionary<string, byte[]>
        {
            [ExportFormat.Events] = Encoding.UTF8.GetBytes(events.ToString()),
            [ExportFormat.Enrolments] = Encoding.UTF8.GetBytes('\uFEFF' + EnrolmentsCsv(enrolments.Select(enrolment => enrolment.Summary))),
            [ExportFormat.Charter] = JsonSerializer.SerializeToUtf8Bytes(charter, ExportFormat.IndentedJson),
        };
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new ExportManifest(
            ExportFormat.Version, cohort.Id, cohort.Name, Actor.Describe(actor), now, streams.Count, count,
            files.Select(file => new ManifestFile(file.Key, Sha256(file.Value), file.Value.LongLength)).ToList(),
            seal is null ? null : ManifestSeal.From(seal)), ExportFormat.IndentedJson);
        files[ExportFormat.Manifest] = manifest;

        var manifestSha256 = Sha256(manifest);
        session.Store(new AuditExportRecord(Guid.CreateVersion7(), cohort.Id, actor, now, manifestSha256, streams.Count, count));
        await context.PublishAsync(new PersonalDataRead(actor, PersonalDataReads.CohortExport, cohort.Id, now));
        return new CohortExport(Zip(files), $"audit-{now.InParis():yyyy-MM-dd-HHmm}.zip", manifestSha256);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string EnrolmentsCsv(IEnumerable<EnrolmentSummary> enrolments) => CsvFile.Write(
        ["Référence", "Nom", "Prénom", "Structure", "Étape", "Gratuité", "Pré-inscription le", "Validée le", "Version"],
        enrolments.Select(enrolment => (IReadOnlyList<string?>)
        [
            enrolment.Reference, enrolment.LastName, enrolment.FirstName, enrolment.Organisation, enrolment.Status, enrolment.Eligibility,
            FrenchDates.Short(enrolment.SubmittedAt), enrolment.ValidatedAt is { } validated ? FrenchDates.Short(validated) : null,
            enrolment.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]));

    private static byte[] Zip(Dictionary<string, byte[]> files)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }
}

internal static class ExportCohortEndpoint
{
    public static RouteHandlerBuilder MapExportCohort(this IEndpointRouteBuilder audit) =>
        audit.MapGet("/cohorts/{cohortId:guid}/export", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var export = await bus.InvokeAsync<CohortExport>(new ExportCohort(cohortId), cancellationToken);
                return TypedResults.File(export.Zip, "application/zip", export.FileName);
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ExportCohort))
            .WithSummary("Exporter pour audit l'historique d'une édition (zip vérifiable hors ligne) ; chaque export est enregistré")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

using System.IO.Compression;
using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Achats.Community.Resources;

/// <summary>
/// The bytes of the documents staff attach, in <c>community.resource_files</c> (ADR 0056): written and deleted in the
/// session's transaction with the event that names them, read back for a download. The type of a file is read from its
/// first bytes, never from its name: PDF, PNG, JPEG, or an Office Open XML document (DOCX, XLSX, PPTX).
/// </summary>
public static class ResourceFiles
{
    private const string Table = "resource_files";

    /// <summary>The default limit, 20 Mo; <c>Community:Resources:MaxFileMegabytes</c> changes it.</summary>
    public const int DefaultMaxMegabytes = 20;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        [Pdf] = [".pdf"], [Png] = [".png"], [Jpeg] = [".jpg", ".jpeg"], [Docx] = [".docx"], [Xlsx] = [".xlsx"], [Pptx] = [".pptx"],
    };

    /// <summary>The table of the files' bytes, created and migrated by Marten with the module's documents.</summary>
    public static Table FilesTable()
    {
        var table = new Table(new PostgresqlObjectName(CommunityModule.Schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        return table;
    }

    public static int MaxMegabytes(IConfiguration configuration) =>
        configuration.GetValue("Community:Resources:MaxFileMegabytes", DefaultMaxMegabytes);

    /// <summary>The type of <paramref name="content"/> read from its bytes, or null for one the space does not take.</summary>
    public static string? Detect(ReadOnlySpan<byte> content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => Pdf,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x50, 0x4B, 0x03, 0x04, ..] => OfficeDocument(content.ToArray()),
        _ => null,
    };

    /// <summary>The format's short name a page shows beside a download: « PDF », « DOCX »…</summary>
    public static string Format(string contentType) => Extensions.TryGetValue(contentType, out var extensions) ? extensions[0][1..].ToUpperInvariant() : "";

    /// <summary>Whether <paramref name="fileName"/> ends as a file of <paramref name="contentType"/> does.</summary>
    public static bool NameFits(string fileName, string contentType) =>
        Extensions.TryGetValue(contentType, out var extensions)
        && extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    public static void Store(IDocumentSession session, Guid resourceId, byte[] content) =>
        session.QueueSqlCommand($"insert into {CommunityModule.Schema}.{Table} (id, content) values (?, ?)", resourceId, content);

    public static void Delete(IDocumentSession session, Guid resourceId) =>
        session.QueueSqlCommand($"delete from {CommunityModule.Schema}.{Table} where id = ?", resourceId);

    public static async Task<byte[]?> ReadAsync(IQuerySession session, Guid resourceId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select content from {CommunityModule.Schema}.{Table} where id = @id");
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = resourceId });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? await reader.GetFieldValueAsync<byte[]>(0, cancellationToken) : null;
    }

    /// <summary>A zip is taken only as the Office document its parts say it is; any other zip is refused.</summary>
    private static string? OfficeDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            return zip.GetEntry("word/document.xml") is not null ? Docx
                : zip.GetEntry("xl/workbook.xml") is not null ? Xlsx
                : zip.GetEntry("ppt/presentation.xml") is not null ? Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Achats.Shared.Http;

/// <summary>
/// An export staff download as CSV or as an Excel workbook, same columns and rows: one route ending in
/// <see cref="Formats"/> (<c>projects.csv</c>, <c>projects.xlsx</c>) and one call that writes the chosen format.
/// </summary>
public static class TableExport
{
    /// <summary>The end of an export's route: <c>.csv</c> or <c>.xlsx</c>, read as the <c>format</c> parameter.</summary>
    public const string Formats = ".{format:regex(^(csv|xlsx)$)}";

    public static IResult Download(string format, string fileName, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        format == "xlsx"
            ? XlsxFile.Download($"{fileName}.xlsx", title, header, rows)
            : CsvFile.Download($"{fileName}.csv", header, rows);

    /// <summary>The export's answer in the OpenAPI document: a CSV or a workbook.</summary>
    public static RouteHandlerBuilder ProducesTable(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType, additionalContentTypes: XlsxFile.ContentType);
}

using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http;

namespace Achats.Shared.Http;

/// <summary>
/// An export as an Excel workbook: one sheet, the header in bold, frozen and filterable, columns wide enough for
/// their content. Every cell is text, exactly as in the CSV (a value is never read as a formula, a SIREN keeps its
/// zeros). Written as a stream of rows, so a long export does not hold a document tree in memory.
/// </summary>
public static class XlsxFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MaxCellLength = 32_767;
    private const uint Bold = 1;

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var lines = rows.ToList();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            WriteSheet(sheet, header, lines);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName) }));
        }

        return stream.ToArray();
    }

    /// <summary>The workbook as an HTTP download named <paramref name="fileName"/>.</summary>
    public static IResult Download(string fileName, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Results.File(Write(sheetName, header, rows), ContentType, fileName);

    private static void WriteSheet(WorksheetPart part, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(header.Select((title, index) => new Column
        {
            Min = (uint)index + 1, Max = (uint)index + 1, CustomWidth = true, Width = Width(title, rows.Take(500).Select(row => index < row.Count ? row[index] : null)),
        })));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, header, Bold);
        foreach (var row in rows)
        {
            WriteRow(writer, row, 0);
        }

        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(header.Count)}{rows.Count + 1}" });
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<string?> values, uint style)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(new Cell(new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }))
            {
                DataType = CellValues.InlineString, StyleIndex = style,
            });
        }

        writer.WriteEndElement();
    }

    /// <summary>What XML can hold and a cell can show: characters XML refuses are dropped, the length capped.</summary>
    private static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value.All(XmlConvert.IsXmlChar) ? value : new string([.. value.Where(XmlConvert.IsXmlChar)]);
        return text.Length > MaxCellLength ? text[..MaxCellLength] : text;
    }

    private static double Width(string title, IEnumerable<string?> values) =>
        Math.Min(60, values.Select(value => value?.Length ?? 0).Append(title.Length).Max() + 2);

    private static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim('\'', ' ');
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Export" : clean;
    }

    /// <summary>Two cell formats: the default and bold (the header). Excel requires the two default fills.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}

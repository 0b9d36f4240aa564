using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Achats.Testing;

/// <summary>An exported workbook read back as a person opening it would see it: the first sheet's name and its rows of text.</summary>
public sealed record Workbook(string SheetName, IReadOnlyList<string[]> Rows)
{
    public static Workbook Read(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var rows = part.Worksheet.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(Text).ToArray())
            .ToList();
        return new Workbook(sheet.Name!.Value!, rows);
    }

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
}

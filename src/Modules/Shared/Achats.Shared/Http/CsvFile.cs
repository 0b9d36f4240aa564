using System.Text;
using Microsoft.AspNetCore.Http;

namespace Achats.Shared.Http;

/// <summary>
/// A CSV export as a French Excel opens it: UTF-8 with a byte order mark (so accents survive), <c>;</c>
/// between fields, CRLF between lines, quotes where a field needs them. A field a spreadsheet would run as
/// a formula (starting with = + - @) is prefixed with an apostrophe, so a name typed in a public form cannot
/// become one.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
        {
            AppendLine(text, row);
        }

        return text.ToString();
    }

    /// <summary>The file as an HTTP download named <paramref name="fileName"/>.</summary>
    public static IResult Download(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Results.File(Encoding.UTF8.GetBytes('\uFEFF' + Write(header, rows)), ContentType, fileName);

    private static void AppendLine(StringBuilder text, IReadOnlyList<string?> fields)
    {
        text.AppendJoin(';', fields.Select(Field));
        text.Append("\r\n");
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}

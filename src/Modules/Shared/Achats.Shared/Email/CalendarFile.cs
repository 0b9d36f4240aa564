using System.Text;

namespace Achats.Shared.Email;

/// <summary>One event of a calendar file: a session a participant or a supplier is invited to.</summary>
public sealed record CalendarEvent(Guid Id, string Title, DateTimeOffset Start, DateTimeOffset End, string? Location, string? Url, string Description);

/// <summary>
/// An <c>.ics</c> file (RFC 5545) any calendar imports: times in UTC, text escaped, lines folded at 75 octets.
/// The same event keeps the same UID, so importing it again updates it rather than doubling it.
/// </summary>
public static class CalendarFile
{
    public const string MediaType = "text/calendar; charset=utf-8; method=PUBLISH";

    public static EmailAttachment Attachment(string fileName, DateTimeOffset stamp, params IReadOnlyList<CalendarEvent> events) =>
        new(fileName, MediaType, Write(stamp, events));

    public static string Write(DateTimeOffset stamp, IReadOnlyList<CalendarEvent> events)
    {
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Achats circulaires et solidaires//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH" };
        foreach (var calendarEvent in events)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{calendarEvent.Id:N}@achats-circulaires-solidaires");
            lines.Add($"DTSTAMP:{Utc(stamp)}");
            lines.Add($"DTSTART:{Utc(calendarEvent.Start)}");
            lines.Add($"DTEND:{Utc(calendarEvent.End)}");
            lines.Add($"SUMMARY:{Escape(calendarEvent.Title)}");
            if (calendarEvent.Location is { Length: > 0 } location)
            {
                lines.Add($"LOCATION:{Escape(location)}");
            }

            if (calendarEvent.Url is { Length: > 0 } url)
            {
                lines.Add($"URL:{url}");
            }

            lines.Add($"DESCRIPTION:{Escape(calendarEvent.Description)}");
            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        return string.Concat(lines.Select(line => Fold(line) + "\r\n"));
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .ReplaceLineEndings("\\n");

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character.</summary>
    private static string Fold(string line)
    {
        var folded = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                folded.Append("\r\n ");
                octets = 1;
            }

            folded.Append(rune.ToString());
            octets += size;
        }

        return folded.ToString();
    }
}

using Ical.Net;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Achats.Shared.Email;

/// <summary>One event of a calendar file: a session staff, a participant or a supplier add to their agenda.</summary>
public sealed record CalendarEvent(
    Guid Id, string Title, DateTimeOffset Start, DateTimeOffset End, string? Location, Uri? Url, string Description, bool Cancelled = false);

/// <summary>
/// The programme's one way of writing <c>.ics</c> files (RFC 5545), for the staff's downloads and the emails'
/// attachments alike. Times are Paris wall-clock times with their zone (TZID=Europe/Paris and its VTIMEZONE), so
/// they stay right across the change to and from summer time; a session keeps one UID wherever its file comes from,
/// so an agenda updates the event instead of doubling it; a cancelled session stays, cancelled, so agendas drop it.
/// </summary>
public static class CalendarFile
{
    public const string MediaType = "text/calendar; charset=utf-8";

    /// <summary>The domain of every UID: the same whatever host served the file.</summary>
    public const string UidDomain = "programme-achats.metropolegrandparis.fr";

    private const string Paris = "Europe/Paris";

    public static EmailAttachment Attachment(string fileName, string name, DateTimeOffset stamp, IEnumerable<CalendarEvent> events) =>
        new(fileName, MediaType, Write(name, stamp, events));

    /// <summary>The calendar <paramref name="name"/> holding <paramref name="events"/>, stamped <paramref name="stamp"/>.</summary>
    public static string Write(string name, DateTimeOffset stamp, IEnumerable<CalendarEvent> events)
    {
        var calendar = new Calendar { ProductId = "-//Programme Achats Circulaires et Solidaires//Achats//FR" };
        calendar.AddTimeZone(Paris);
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", Paris);
        foreach (var calendarEvent in events)
        {
            calendar.Events.Add(new IcalEvent
            {
                Uid = $"{calendarEvent.Id}@{UidDomain}",
                Summary = calendarEvent.Title,
                DtStart = new CalDateTime(Time.ParisTime.InParis(calendarEvent.Start).DateTime, Paris),
                DtEnd = new CalDateTime(Time.ParisTime.InParis(calendarEvent.End).DateTime, Paris),
                DtStamp = new CalDateTime(stamp.UtcDateTime),
                Location = calendarEvent.Location,
                Url = calendarEvent.Url,
                Description = calendarEvent.Description,
                Status = calendarEvent.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

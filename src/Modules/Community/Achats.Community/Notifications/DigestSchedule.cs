using Achats.Shared.Time;
using Microsoft.Extensions.Configuration;

namespace Achats.Community.Notifications;

/// <summary>
/// When the daily digest goes: at <c>Community:DigestTime</c> (Paris time, « 07:00 » unless configured) each day. A
/// day's run takes the posts up to that instant, its cut-off.
/// </summary>
public sealed record DigestSchedule(TimeOnly At)
{
    public static readonly TimeOnly Default = new(7, 0);

    public static DigestSchedule From(IConfiguration configuration) =>
        new(TimeOnly.TryParse(configuration["Community:DigestTime"], System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : Default);

    /// <summary>The instant of <paramref name="day"/>'s run (an hour later on the one night a year that time does not exist in Paris).</summary>
    public DateTimeOffset CutOffOf(DateOnly day) =>
        ParisTime.FromParis(day.ToDateTime(At)) ?? ParisTime.FromParis(day.ToDateTime(At.AddHours(1)))!.Value;

    /// <summary>The first run after <paramref name="now"/>: today's if its time has not come yet, else tomorrow's.</summary>
    public DateOnly NextDay(DateTimeOffset now) => CutOffOf(now.ParisDate()) > now ? now.ParisDate() : now.ParisDate().AddDays(1);
}

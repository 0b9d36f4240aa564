using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Achats.Shared.Time;

/// <summary>
/// A daily run's time of day, in Paris: the Community digest at 07:00, the audit's seal at 02:00. A day's run takes
/// what happened up to that instant, its cut-off.
/// </summary>
public sealed record DailySchedule(TimeOnly At)
{
    /// <summary>The time configured at <paramref name="key"/> (« 07:00 »), else <paramref name="fallback"/>.</summary>
    public static DailySchedule From(IConfiguration configuration, string key, TimeOnly fallback) =>
        new(TimeOnly.TryParse(configuration[key], CultureInfo.InvariantCulture, out var at) ? at : fallback);

    /// <summary>The instant of <paramref name="day"/>'s run (an hour later on the one night a year that time does not exist in Paris).</summary>
    public DateTimeOffset CutOffOf(DateOnly day) =>
        ParisTime.FromParis(day.ToDateTime(At)) ?? ParisTime.FromParis(day.ToDateTime(At.AddHours(1)))!.Value;

    /// <summary>The first run after <paramref name="now"/>: today's if its time has not come yet, else tomorrow's.</summary>
    public DateOnly NextDay(DateTimeOffset now) => CutOffOf(now.ParisDate()) > now ? now.ParisDate() : now.ParisDate().AddDays(1);
}

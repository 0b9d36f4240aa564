namespace Achats.Shared.Time;

/// <summary>The programme runs in Paris: times are stored in UTC and read as dates in Europe/Paris.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Today's date in Paris.</summary>
    public static DateOnly TodayInParis(this TimeProvider time) => time.GetUtcNow().ParisDate();

    /// <summary>An instant as a Paris clock shows it, with the offset of that day (+01:00 or +02:00).</summary>
    public static DateTimeOffset InParis(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Paris date of an instant.</summary>
    public static DateOnly ParisDate(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.InParis().DateTime);

    /// <summary>
    /// The instant a Paris wall-clock time names; null for a time that does not exist (skipped when clocks go
    /// forward). A time that happens twice (clocks go back) is read as the first, summer-time one.
    /// </summary>
    public static DateTimeOffset? FromParis(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

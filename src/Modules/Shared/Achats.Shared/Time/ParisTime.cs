namespace Achats.Shared.Time;

/// <summary>The programme runs in Paris: times are stored in UTC and read as dates in Europe/Paris.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Today's date in Paris.</summary>
    public static DateOnly TodayInParis(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);
}

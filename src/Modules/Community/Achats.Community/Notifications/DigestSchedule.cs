using Achats.Shared.Time;
using Microsoft.Extensions.Configuration;

namespace Achats.Community.Notifications;

/// <summary>When the daily digest goes: at <c>Community:DigestTime</c> (Paris time, « 07:00 » unless configured) each day.</summary>
public static class DigestSchedule
{
    public static readonly TimeOnly Default = new(7, 0);

    public static DailySchedule From(IConfiguration configuration) => DailySchedule.From(configuration, "Community:DigestTime", Default);
}

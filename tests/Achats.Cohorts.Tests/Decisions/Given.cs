using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Achats.Shared.Time;

namespace Achats.Cohorts.Tests.Decisions;

/// <summary>Edition 2 as the FAQ tells it, and the facts the decision tests start from.</summary>
internal static class Given
{
    public static readonly Guid CohortId = Guid.CreateVersion7();

    public static readonly Guid Opening = Guid.CreateVersion7();

    /// <summary>Registration from 1 September to 31 December 2020; the year from 4 January 2021; one sequence.</summary>
    public static Cohort Edition2() =>
        Cohort.Create(new CohortPlanned(CohortId, "Édition 2", new(2020, 9, 1), new(2020, 12, 31), new(2021, 1, 4), new(2021, 12, 17)))
            .Apply(new SequenceAdded(Opening, "Ouverture"));

    public static DateTimeOffset Paris(int month, int day, int hour, int minute = 0) =>
        ParisTime.FromParis(new DateTime(2021, month, day, hour, minute, 0))!.Value;

    public static ScheduleSession Session(
        SessionKind kind, DateTime startsAt, DateTime endsAt, bool parallel = false, string title = "Séance") =>
        new(CohortId, Opening, title, kind, startsAt, endsAt, Modality.Online, "https://visio.example/seance", null, null,
            kind == SessionKind.Matchmaking ? [Achats.Cohorts.Contracts.PurchaseCategory.Catering] : [], parallel);

    /// <summary>The cohort with a session scheduled (by its decision) and its id.</summary>
    public static (Cohort Cohort, Guid SessionId) With(this Cohort cohort, ScheduleSession command)
    {
        var scheduled = ScheduleSessionHandler.Decide(cohort, command, Guid.CreateVersion7());
        return (cohort.Apply(scheduled), scheduled.SessionId);
    }

    public static RosterMember Member(DateTimeOffset joinedAt, Sector sector = Sector.Public, DateTimeOffset? leftAt = null, string name = "Camille") =>
        new(Guid.CreateVersion7(), CohortId, name, "Durand", $"{name.ToLowerInvariant()}@ville.test", "PublicBuyer", "Ville de Montreuil",
            "CommuneEptOrMetropole", null, sector, joinedAt)
        {
            LeftAt = leftAt,
            LeftReason = leftAt is null ? null : "Changement de poste",
        };
}

using Achats.Cohorts.Attendance;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

public sealed class AttendanceDecisionTests
{
    private static readonly DateTimeOffset Admission = new(2020, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Admission_is_to_the_whole_cohort_anyone_on_the_roster_is_marked_at_any_session_without_enrolling_in_it()
    {
        var (cohort, plenary) = Edition2().With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0)));
        (cohort, var matchmaking) = cohort.With(Session(SessionKind.Matchmaking, new(2021, 2, 4, 14, 0, 0), new(2021, 2, 4, 16, 0, 0)));
        var camille = Member(Admission);
        var dominique = Member(Admission, name: "Dominique");

        foreach (var session in new[] { plenary, matchmaking })
        {
            var recorded = Decide(cohort, [camille, dominique], null, session, Paris(3, 1, 9), (camille, Presence.Present), (dominique, Presence.Excused))
                .ShouldHaveSingleItem().ShouldBeOfType<AttendanceRecorded>();
            recorded.Entries.Count.ShouldBe(2);
        }
    }

    [Fact]
    public void Someone_not_on_the_roster_at_the_time_of_the_session_is_not_on_its_sheet()
    {
        var (cohort, plenary) = Edition2().With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0)));
        var admittedLater = Member(Paris(1, 20, 9));
        var leftBefore = Member(Admission, leftAt: Paris(1, 10, 9));
        var stranger = Member(Admission) with { CohortId = Guid.CreateVersion7() };

        var refusal = Should.Throw<RuleViolationException>(() => Decide(cohort, [admittedLater, leftBefore], null, plenary, Paris(1, 21, 9),
            (admittedLater, Presence.Present), (leftBefore, Presence.Absent), (stranger, Presence.Present)));

        refusal.Rule.ShouldBe("not-on-roster");
        refusal.Details["enrolmentIds"].ShouldBe(new List<Guid> { admittedLater.Id, leftBefore.Id, stranger.Id });
    }

    [Fact]
    public void Attendance_is_taken_once_the_session_has_begun_and_never_for_a_cancelled_one()
    {
        var (cohort, plenary) = Edition2().With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0)));
        var camille = Member(Admission);

        Should.Throw<RuleViolationException>(() => Decide(cohort, [camille], null, plenary, Paris(1, 14, 9, 29), (camille, Presence.Present)))
            .Rule.ShouldBe("session-not-started");
        Decide(cohort, [camille], null, plenary, Paris(1, 14, 9, 30), (camille, Presence.Present)).ShouldHaveSingleItem();
        var cancelled = cohort.Apply(new SessionCancelled(plenary, "Grève"));
        Should.Throw<RuleViolationException>(() => Decide(cancelled, [camille], null, plenary, Paris(1, 15, 9), (camille, Presence.Present)))
            .Rule.ShouldBe("session-cancelled");
    }

    [Fact]
    public void A_sheet_records_only_what_changed()
    {
        var (cohort, plenary) = Edition2().With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0)));
        var camille = Member(Admission);
        var dominique = Member(Admission, name: "Dominique");
        var sheet = AttendanceSheet.Create(new AttendanceRecorded(plenary, CohortId, [new(camille.Id, Presence.Absent), new(dominique.Id, Presence.Present)]));

        var corrected = Decide(cohort, [camille, dominique], sheet, plenary, Paris(1, 15, 9), (camille, Presence.Excused), (dominique, Presence.Present))
            .ShouldHaveSingleItem().ShouldBeOfType<AttendanceRecorded>();

        corrected.Entries.ShouldBe([new AttendanceEntry(camille.Id, Presence.Excused)]);
        sheet.Apply(corrected).Of(camille.Id).ShouldBe(Presence.Excused);
        Decide(cohort, [camille, dominique], sheet.Apply(corrected), plenary, Paris(1, 15, 9), (camille, Presence.Excused)).ShouldBeEmpty();
    }

    [Fact]
    public void The_plenary_rate_counts_present_over_present_and_absent_and_flags_who_falls_below_the_threshold()
    {
        var cohort = Edition2();
        var plenaries = new List<Guid>();
        for (var month = 1; month <= 5; month++)
        {
            (cohort, var id) = cohort.With(Session(SessionKind.Plenary, new(2021, month, 14, 9, 30, 0), new(2021, month, 14, 12, 0, 0), title: $"Plénière {month}"));
            plenaries.Add(id);
        }

        (cohort, var workshop) = cohort.With(Session(SessionKind.Workshop, new(2021, 2, 20, 9, 30, 0), new(2021, 2, 20, 12, 0, 0)));
        var assiduous = Member(Admission, name: "Assidue");
        var absentee = Member(Admission, name: "Absente");
        var excused = Member(Admission, name: "Excusée");
        var marks = new Dictionary<Guid, AttendanceSheet>();
        void Mark(Guid session, RosterMember member, Presence presence) =>
            marks[session] = marks.TryGetValue(session, out var sheet)
                ? sheet.Apply(new AttendanceRecorded(session, CohortId, [new(member.Id, presence)]))
                : AttendanceSheet.Create(new AttendanceRecorded(session, CohortId, [new(member.Id, presence)]));
        foreach (var (plenary, index) in plenaries.Select((id, index) => (id, index)))
        {
            Mark(plenary, assiduous, index == 0 ? Presence.Absent : Presence.Present);         // 3 of 4 by April (75 %)
            Mark(plenary, absentee, index < 2 ? Presence.Absent : Presence.Present);           // 2 of 4 (50 %)
            Mark(plenary, excused, index < 3 ? Presence.Excused : Presence.Present);           // excused thrice, present once (100 %)
        }

        Mark(workshop, absentee, Presence.Absent); // workshops do not count towards the plenary rate
        var now = Paris(4, 30, 18); // the May plenary has not happened yet

        var report = GetAttendanceHandler.Report(cohort, [assiduous, absentee, excused], marks, now, threshold: 0.75);

        var byName = report.Participants.ToDictionary(participant => participant.Name);
        byName["Assidue Durand"].Plenaries.ShouldBe(new PlenaryAttendance(4, 3, 1, 0, 0, 0.75, false));
        byName["Absente Durand"].Plenaries.ShouldBe(new PlenaryAttendance(4, 2, 2, 0, 0, 0.5, true));
        byName["Excusée Durand"].Plenaries.ShouldBe(new PlenaryAttendance(4, 1, 0, 3, 0, 1.0, false));
        report.FlaggedCount.ShouldBe(1);
        report.Sessions.Count.ShouldBe(5); // four plenaries and the workshop have begun
    }

    [Fact]
    public void Only_the_plenaries_of_one_s_time_in_the_cohort_count_and_an_unrecorded_one_is_not_guessed()
    {
        var cohort = Edition2();
        (cohort, var january) = cohort.With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0)));
        (cohort, var february) = cohort.With(Session(SessionKind.Plenary, new(2021, 2, 14, 9, 30, 0), new(2021, 2, 14, 12, 0, 0)));
        (cohort, _) = cohort.With(Session(SessionKind.Plenary, new(2021, 3, 14, 9, 30, 0), new(2021, 3, 14, 12, 0, 0)));
        var latecomer = Member(Paris(2, 1, 9));
        var sheets = new Dictionary<Guid, AttendanceSheet>
        {
            [february] = AttendanceSheet.Create(new AttendanceRecorded(february, CohortId, [new(latecomer.Id, Presence.Present)])),
        };

        var attendance = PlenaryAttendance.Of(latecomer, cohort.Sessions, sheets, Paris(4, 1, 9), threshold: 0.75);

        attendance.ShouldBe(new PlenaryAttendance(Held: 2, Present: 1, Absent: 0, Excused: 0, Unrecorded: 1, Rate: 1.0, BelowThreshold: false));
        PlenaryAttendance.Of(latecomer, cohort.Sessions, new Dictionary<Guid, AttendanceSheet>(), Paris(4, 1, 9), 0.75).Rate.ShouldBeNull(); // nothing recorded: no rate, no flag
        january.ShouldNotBe(february);
    }

    private static IReadOnlyList<object> Decide(
        Cohort cohort, IReadOnlyList<RosterMember> roster, AttendanceSheet? sheet, Guid sessionId, DateTimeOffset now,
        params (RosterMember Member, Presence Presence)[] marks) =>
        RecordAttendanceHandler.Decide(cohort, roster, sheet,
            new RecordAttendance(CohortId, sessionId, marks.Select(mark => new PresenceMark(mark.Member.Id, mark.Presence)).ToList()), now);
}

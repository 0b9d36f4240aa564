using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

/// <summary>The welcome's words and calendar, and the LinkedIn group's decisions, without a database.</summary>
public sealed class WelcomeDecisionTests
{
    private static readonly PublicSite Site = new("https://achats.example");

    [Fact]
    public void Admitted_after_the_launch_the_participant_reads_that_the_space_is_open_and_only_sessions_still_to_come()
    {
        var (cohort, _) = Edition2().Apply(new CohortLaunched(Paris(1, 4, 9))).With(Session(SessionKind.Plenary, new(2021, 5, 20, 9, 30, 0), new(2021, 5, 20, 12, 0, 0), title: "Plénière de mai"));
        (cohort, var june) = cohort.With(Session(SessionKind.Plenary, new(2021, 6, 1, 9, 30, 0), new(2021, 6, 1, 12, 0, 0), title: "Plénière de juin"));

        var email = Welcome.Email(Member(Paris(5, 31, 12)), cohort, Site, Paris(5, 31, 12));

        email.Text.ShouldContain("est ouvert depuis le lancement de l'édition.");
        email.Text.ShouldNotContain("ouvrira au lancement");
        email.Text.ShouldNotContain("Plénière de mai");
        email.Text.ShouldContain("Plénière de juin\nLe mardi 1er juin 2021, de 9 h 30 à 12 h 00, en ligne");
        var calendar = email.Attachments.ShouldNotBeNull().ShouldHaveSingleItem().Content;
        calendar.ShouldContain("DTSTART;TZID=Europe/Paris:20210601T093000\r\n"); // Paris wall-clock time, in summer time too
        var only = Ical.Net.Calendar.Load(calendar)!.Events.ShouldHaveSingleItem();
        only.Uid.ShouldBe($"{june}@{CalendarFile.UidDomain}");
        only.DtStart!.AsUtc.ShouldBe(new DateTime(2021, 6, 1, 7, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_same_group_again_decides_nothing_and_an_empty_address_removes_it()
    {
        var cohort = Edition2().Apply(new LinkedInGroupChanged("https://www.linkedin.com/groups/1234567/"));

        SetLinkedInGroupHandler.Decide(cohort, new SetLinkedInGroup(CohortId, "https://www.linkedin.com/groups/1234567/")).ShouldBeEmpty();
        SetLinkedInGroupHandler.Decide(cohort, new SetLinkedInGroup(CohortId, "  ")).ShouldHaveSingleItem().Url.ShouldBeNull();
    }

    [Fact]
    public void A_closed_cohort_keeps_its_group()
    {
        var closed = Edition2().Apply(new CohortLaunched(Paris(1, 4, 9))).Apply(new CohortClosed(Paris(12, 17, 18)));

        Should.Throw<RuleViolationException>(() => SetLinkedInGroupHandler.Decide(closed, new SetLinkedInGroup(CohortId, "https://www.linkedin.com/groups/1/")).ToList());
    }
}

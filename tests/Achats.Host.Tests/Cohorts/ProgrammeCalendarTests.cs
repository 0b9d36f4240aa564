using System.Net;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Testing;
using Ical.Net;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// The programme as calendar files: read back with Ical.Net, sessions on either side of the change to and from
/// summer time fall on the right instants; cancelled ones are marked so; staff only.
/// </summary>
public sealed class ProgrammeCalendarTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sessions_around_the_changes_of_time_are_at_the_right_instants_once_read_back()
    {
        var (staff, cohortId, sequenceId) = await ProgrammeAsync();
        var cohort = await GetAsync<CohortDates>(staff, $"{CohortsApi}/{cohortId}");
        var march = LastSunday(cohort.StartsOn, 3);
        var october = LastSunday(cohort.StartsOn, 10);
        (DateTime Paris, DateTimeOffset Instant)[] expected =
        [
            (march.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), new DateTimeOffset(march.AddDays(-1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)),
            (march.AddDays(1).ToDateTime(new TimeOnly(10, 0)), new DateTimeOffset(march.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)),
            (october.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), new DateTimeOffset(october.AddDays(-1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)),
            (october.AddDays(1).ToDateTime(new TimeOnly(10, 0)), new DateTimeOffset(october.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)),
        ];
        List<Guid> ids = [];
        foreach (var (paris, _) in expected)
        {
            ids.Add((await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sessions",
                Session(sequenceId, $"Plénière du {paris:dd/MM}", "Plenary", paris, paris.AddHours(2)), HttpStatusCode.Created)).CreatedId!.Value);
        }

        var calendar = Calendar.Load(await IcsAsync(staff, $"/programme.ics?edition={cohortId}"))!;

        calendar.TimeZones.ShouldContain(zone => zone.TzId == "Europe/Paris");
        for (var i = 0; i < expected.Length; i++)
        {
            var session = calendar.Events.Single(calendarEvent => calendarEvent.Uid == $"{ids[i]}@programme-achats.metropolegrandparis.fr");
            session.DtStart!.TzId.ShouldBe("Europe/Paris");
            new DateTimeOffset(session.DtStart.AsUtc, TimeSpan.Zero).ShouldBe(expected[i].Instant);
            new DateTimeOffset(session.DtEnd!.AsUtc, TimeSpan.Zero).ShouldBe(expected[i].Instant.AddHours(2));
        }
    }

    [Fact]
    public async Task One_session_is_one_event_with_its_place_link_and_description_and_a_cancelled_one_says_so()
    {
        var (staff, cohortId, sequenceId) = await ProgrammeAsync();
        var day = (await GetAsync<CohortDates>(staff, $"{CohortsApi}/{cohortId}")).StartsOn.AddDays(3).ToDateTime(TimeOnly.MinValue);
        var sessionId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sessions",
            Session(sequenceId, "Séance de lancement", "Plenary", day.AddHours(9.5), day.AddHours(12)), HttpStatusCode.Created)).CreatedId!.Value;
        await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sessions/{sessionId}/cancellation", new { reason = "Salle indisponible" }, HttpStatusCode.OK);

        var response = await staff.GetAsync($"/programme/seances/{sessionId}.ics?edition={cohortId}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"seance-seance-de-lancement-{day:yyyy-MM-dd}.ics");
        var calendarEvent = Calendar.Load(await response.Content.ReadAsStringAsync(Cancellation))!.Events.ShouldHaveSingleItem();
        calendarEvent.Summary.ShouldBe("Séance de lancement");
        calendarEvent.Status.ShouldBe("CANCELLED");
        calendarEvent.Location.ShouldBe("https://visio.example/achats");
        calendarEvent.Url!.ToString().ShouldEndWith($"/programme/seances/{sessionId}?edition={cohortId}");
        calendarEvent.Description!.ShouldContain("Plénière");
        calendarEvent.Description!.ShouldContain("Séance annulée : Salle indisponible");
    }

    [Fact]
    public async Task The_programme_file_is_named_after_the_cohort_in_ascii_and_is_for_staff_only()
    {
        var (staff, cohortId, _) = await ProgrammeAsync();
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await auditor.GetAsync($"/programme.ics?edition={cohortId}", Cancellation);
        var refused = await anonymous.GetAsync($"/programme.ics?edition={cohortId}", Cancellation);
        var malformed = await staff.GetAsync("/programme.ics?edition=pas-un-identifiant", Cancellation);
        var empty = await staff.GetAsync($"/programme.ics?edition={Guid.Empty}", Cancellation);
        var unknown = await staff.GetAsync($"/programme/seances/{Guid.CreateVersion7()}.ics?edition={cohortId}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("programme-edition-");
        refused.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(HttpClient Staff, Guid CohortId, Guid SequenceId)> ProgrammeAsync()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var sequenceId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sequences", new { title = "Séquence" }, HttpStatusCode.Created))
            .CreatedId!.Value;
        return (staff, cohortId, sequenceId);
    }

    private static async Task<string> IcsAsync(HttpClient staff, string url)
    {
        var response = await staff.GetAsync(url, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    /// <summary>The first last Sunday of <paramref name="month"/> whose Saturday before comes after <paramref name="after"/>.</summary>
    private static DateOnly LastSunday(DateOnly after, int month)
    {
        for (var year = after.Year; ; year++)
        {
            var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            while (day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }

            if (day.AddDays(-1) > after)
            {
                return day;
            }
        }
    }

    private sealed record CohortDates(DateOnly StartsOn, DateOnly EndsOn);
}

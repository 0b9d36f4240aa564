using System.Net;
using System.Net.Http.Json;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>What the Cohorts API refuses, and that a refusal writes nothing. A cohort's life, state by state, is in the other classes here.</summary>
public sealed class CohortRefusalsTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_input_gets_field_errors_in_French_and_writes_nothing()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var cohort = $"{CohortsApi}/{cohortId}";
        var sequenceId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Séquence" }, HttpStatusCode.Created)).CreatedId;

        var problem = await SendAsync<Problem>(staff, HttpMethod.Post, $"{cohort}/sessions", new
        {
            sequenceId, title = "", kind = "Matchmaking", startsAt = "2027-03-28T02:30:00", endsAt = "2027-03-28T01:00:00", modality = "Hybrid",
        }, HttpStatusCode.BadRequest);
        problem.Error("title").ShouldBe("Le titre de la séance est obligatoire.");
        problem.Error("startsAt").ShouldBe("Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été).");
        problem.Error("meetingLink").ShouldBe("Une séance en ligne ou hybride a besoin d'un lien de connexion.");
        problem.Error("venue").ShouldBe("Une séance en présentiel ou hybride a besoin d'un lieu.");
        problem.Error("categories").ShouldBe("Une mise en relation couvre au moins une catégorie d'achat.");

        (await SendAsync<Problem>(staff, HttpMethod.Post, $"{cohort}/sessions", new { sequenceId, title = "x", kind = "Concert" }, HttpStatusCode.BadRequest))
            .Errors!["kind"].Length.ShouldBe(1);
        (await SendAsync<Problem>(staff, HttpMethod.Post, $"{cohort}/sessions", new { sequenceId, title = "x", kind = "Plenary", modality = "Online", meetingLink = "https://v.example" },
            HttpStatusCode.BadRequest)).Error("startsAt").ShouldBe("L'heure de début est obligatoire.");
        (await SendAsync<Problem>(staff, HttpMethod.Post, $"{cohort}/sessions", new
        {
            sequenceId, title = "x", kind = "Plenary", modality = "Online", meetingLink = "https://v.example", startsAt = "2027-01-14T09:30:00+01:00", endsAt = "0001-01-01T00:00:00",
        }, HttpStatusCode.BadRequest)).Error("startsAt").ShouldBe("Donnez l'heure de Paris sans fuseau horaire, par exemple 2021-01-14T09:30.");
        (await SendAsync<Problem>(staff, HttpMethod.Put, $"{cohort}/sequences/order", new { }, HttpStatusCode.BadRequest))
            .Error("order").ShouldBe("Donnez l'ordre des séquences.");
        var someSession = $"{cohort}/sessions/{Guid.CreateVersion7()}/attendance";
        (await SendAsync<Problem>(staff, HttpMethod.Put, someSession, new { }, HttpStatusCode.BadRequest)).Errors!["entries"].Length.ShouldBe(1);
        (await SendAsync<Problem>(staff, HttpMethod.Put, someSession, new { entries = new object?[] { null } }, HttpStatusCode.BadRequest))
            .Error("entries[0]").ShouldBe("Une ligne de la feuille est vide.");
        (await SendAsync<Problem>(staff, HttpMethod.Put, $"{someSession}/{Guid.CreateVersion7()}", new { }, HttpStatusCode.BadRequest))
            .Error("entries[0].presence").ShouldBe("Indiquez la présence : présent, absent ou excusé.");
        (await SendAsync<Problem>(staff, HttpMethod.Post, $"{cohort}/working-groups/proposal", new { minSize = 5, maxSize = 3 }, HttpStatusCode.BadRequest))
            .Error("maxSize").ShouldBe("La taille maximale ne peut être inférieure à la taille minimale.");
        (await RefusedAsync(staff, HttpMethod.Post, $"{cohort}/working-groups/proposal", new { minSize = 2, maxSize = 3 }))
            .ShouldBe("urn:achats:problem:empty-roster");
        (await RefusedAsync(staff, HttpMethod.Post, $"{cohort}/projects", new
        {
            enrolmentId = Guid.CreateVersion7(), title = "Projet", category = "Catering", themes = new[] { "Circular" }, milestone = "NeedExpressed",
        })).ShouldBe("urn:achats:problem:not-on-roster");
        (await staff.GetAsync($"{CohortsApi}/{Guid.CreateVersion7()}/roster", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await GetAsync<CohortAnswer>(staff, cohort)).Sequences[0].Sessions.Count.ShouldBe(0);
        await using var session = app.Store.QuerySession();
        (await session.Query<Achats.Cohorts.Projects.PurchasingProject>().CountAsync(project => project.CohortId == cohortId, Cancellation)).ShouldBe(0);
        (await session.Events.FetchStreamAsync(cohortId, token: Cancellation)).Count.ShouldBe(2); // planned, sequence added
    }

    [Fact]
    public async Task Two_staff_scheduling_overlapping_sessions_at_the_same_moment_get_one_session_and_a_clear_refusal()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var cohort = $"{CohortsApi}/{cohortId}";
        var sequenceId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{cohort}/sequences", new { title = "Séquence" }, HttpStatusCode.Created)).CreatedId!.Value;
        var day = app.Clock.TodayInParis().AddDays(50).ToDateTime(TimeOnly.MinValue);

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => staff.PostAsJsonAsync($"{cohort}/sessions",
            Session(sequenceId, $"Plénière {n}", "Plenary", day.AddHours(9 + n * 0.25), day.AddHours(11)), Cancellation)));

        responses.Count(response => response.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity); // lost the race, or saw the winner
            (await refused.ReadAsync<Problem>(refused.StatusCode)).Detail.ShouldNotBeNullOrWhiteSpace();
        }

        (await GetAsync<CohortAnswer>(staff, cohort)).Sequences[0].Sessions.Count.ShouldBe(1);
    }
}

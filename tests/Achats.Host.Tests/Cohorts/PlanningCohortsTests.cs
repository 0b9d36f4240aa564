using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Cohorts;

/// <summary>The first slice: Cohorts plans a cohort, Enrolment learns of it through the bus and lists it.</summary>
public sealed class PlanningCohortsTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Cohorts = "/api/cohorts/v1/cohorts";
    private const string OpenCohorts = "/api/enrolment/v1/open-cohorts";

    private DateOnly Today => app.Clock.TodayInParis();

    [Fact]
    public async Task A_planned_cohort_open_for_registration_is_listed_by_enrolment_through_the_bus()
    {
        var name = $"Édition {Guid.CreateVersion7():N}";
        var plan = new { name, registrationOpensOn = Today.AddDays(-5), registrationClosesOn = Today.AddDays(30), startsOn = Today.AddDays(40), endsOn = Today.AddDays(400) };

        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var (response, messages) = await app.PostTrackedAsync(staff, Cohorts, plan);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var cohort = await response.Content.ReadFromJsonAsync<CohortBody>(TestContext.Current.CancellationToken);
        cohort.ShouldNotBeNull().Name.ShouldBe(name);
        response.Headers.Location!.ToString().ShouldBe($"{Cohorts}/{cohort.Id}");
        messages.Received.SingleMessage<Achats.Cohorts.Contracts.CohortPlanned>().CohortId.ShouldBe(cohort.Id);
        messages.Received.SingleEnvelope<Achats.Cohorts.Contracts.CohortPlanned>().MessageType.ShouldBe("cohorts.cohort-planned.v1");

        using var client = app.CreateClient();
        var open = await client.GetFromJsonAsync<CohortBody[]>(OpenCohorts, TestContext.Current.CancellationToken);
        open.ShouldNotBeNull().ShouldContain(listed => listed.Id == cohort.Id && listed.Name == name);
        (await staff.GetFromJsonAsync<CohortBody>(response.Headers.Location, TestContext.Current.CancellationToken)).ShouldBe(cohort);
    }

    [Fact]
    public async Task A_cohort_whose_registration_has_not_opened_or_has_closed_is_not_listed()
    {
        var early = new { name = "Pas encore ouverte", registrationOpensOn = Today.AddDays(1), registrationClosesOn = Today.AddDays(30), startsOn = Today.AddDays(40), endsOn = Today.AddDays(400) };
        var late = new { name = "Déjà close", registrationOpensOn = Today.AddDays(-60), registrationClosesOn = Today.AddDays(-1), startsOn = Today.AddDays(10), endsOn = Today.AddDays(400) };

        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var (first, _) = await app.PostTrackedAsync(staff, Cohorts, early);
        var (second, _) = await app.PostTrackedAsync(staff, Cohorts, late);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var client = app.CreateClient();
        var open = await client.GetFromJsonAsync<CohortBody[]>(OpenCohorts, TestContext.Current.CancellationToken);
        open.ShouldNotBeNull().ShouldNotContain(listed => listed.Name == early.name || listed.Name == late.name);
    }

    [Fact]
    public async Task Invalid_dates_get_400_problem_details_with_French_field_errors_and_nothing_is_written()
    {
        var eventsBefore = await CountEventsAsync();
        var plan = new { name = "", registrationOpensOn = Today, registrationClosesOn = Today.AddDays(50), startsOn = Today.AddDays(40), endsOn = Today.AddDays(40) };

        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var (response, messages) = await app.PostTrackedAsync(staff, Cohorts, plan);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Type.ShouldBe("urn:achats:problem:validation");
        problem.Status.ShouldBe(400);
        problem.Error("name").ShouldBe("Le nom de l'édition est obligatoire.");
        problem.Error("endsOn").ShouldBe("La date de fin doit être postérieure à la date de début.");
        problem.Error("registrationClosesOn").ShouldBe("Les inscriptions doivent être closes au plus tard le jour du début de l'édition.");
        messages.Sent.AllMessages().ShouldBeEmpty();
        (await CountEventsAsync()).ShouldBe(eventsBefore);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2, 3]")]
    public async Task An_unreadable_body_gets_400_problem_details(string body)
    {
        using var client = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await client.PostAsync(Cohorts, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Type.ShouldBe("urn:achats:problem:unreadable-request");
        problem.Title.ShouldBe("Requête illisible");
    }

    [Fact]
    public async Task A_body_in_an_unknown_charset_gets_415_problem_details()
    {
        using var client = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=klingon");

        var response = await client.PostAsync(Cohorts, content, TestContext.Current.CancellationToken);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnsupportedMediaType);
        problem.Type.ShouldBe("urn:achats:problem:unreadable-request");
        problem.Title.ShouldBe("Type de contenu non pris en charge");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_field_error()
    {
        using var client = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await client.PostAsync(Cohorts, new StringContent("{\"name\": \"Édition 3\", \"startsOn\": \"le premier lundi\"}", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Type.ShouldBe("urn:achats:problem:validation");
        problem.Error("startsOn").ShouldBe("Valeur illisible ou d'un type inattendu.");
    }

    [Fact]
    public async Task An_unknown_cohort_gets_404_problem_details()
    {
        using var client = await app.SignedInAsync(StaffRole.Auditor);

        var response = await client.GetAsync($"{Cohorts}/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.NotFound);
        problem.Title.ShouldBe("Ressource introuvable");
        problem.Detail.ShouldBe("Aucune édition ne porte cet identifiant.");
    }

    private async Task<long> CountEventsAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync(TestContext.Current.CancellationToken);
    }

    private sealed record CohortBody(Guid Id, string Name, DateOnly RegistrationOpensOn, DateOnly RegistrationClosesOn, DateOnly StartsOn, DateOnly EndsOn);
}

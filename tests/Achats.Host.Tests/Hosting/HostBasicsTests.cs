using System.Net;
using System.Text.Json;
using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Testing;
using FluentValidation;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;
using Xunit;

namespace Achats.Host.Tests.Hosting;

public sealed class HostBasicsTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_host_is_alive_and_ready_on_its_database(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_modules_and_has_a_browsable_UI()
    {
        using var client = app.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).ReadAsync<OpenApiDocument>(HttpStatusCode.OK);
        var ui = await client.GetAsync("/scalar/v1", TestContext.Current.CancellationToken);

        document.Paths.ShouldContainKey("/api/cohorts/v1/cohorts");
        document.Paths["/api/cohorts/v1/cohorts"].ShouldContainKey("post");
        document.Paths.ShouldContainKey("/api/enrolment/v1/open-cohorts");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
        ui.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task An_invalid_message_is_refused_whatever_sent_it_and_nothing_is_written()
    {
        var bus = app.Services.GetRequiredService<IMessageBus>();
        var invalid = new PlanCohort("Sans fin", new(2027, 1, 1), new(2027, 2, 1), new(2027, 3, 1), new(2027, 3, 1));

        var refused = await Should.ThrowAsync<ValidationException>(() => bus.InvokeAsync<Cohort>(invalid, TestContext.Current.CancellationToken));

        refused.Errors.Select(error => error.PropertyName).ShouldBe([nameof(PlanCohort.EndsOn)]);
        await using var session = app.Store.QuerySession();
        (await session.Events.QueryRawEventDataOnly<CohortPlanned>().AnyAsync(planned => planned.Name == "Sans fin", TestContext.Current.CancellationToken))
            .ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_route_gets_404_problem_details_in_French()
    {
        using var client = await app.SignedInAsync(StaffRole.Auditor);

        var response = await client.GetAsync("/api/nowhere", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<Problem>(HttpStatusCode.NotFound)).Title.ShouldBe("Ressource introuvable");
    }

    /// <summary>An OpenAPI document, as far as the test reads it: its operations by path and method.</summary>
    private sealed record OpenApiDocument(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> Paths);
}

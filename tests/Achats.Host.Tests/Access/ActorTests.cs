using System.Net;
using System.Net.Http.Json;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>Every event records who acted and in which request: the record auditors replay.</summary>
public sealed class ActorTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task An_event_records_the_staff_member_their_role_their_structure_and_the_correlation_id()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff, OrganisingStructure.LesCanaux);
        var today = app.Clock.TodayInParis();

        var response = await staff.PostAsJsonAsync("/api/cohorts/v1/cohorts", new
        {
            name = "Édition auditée", registrationOpensOn = today, registrationClosesOn = today.AddDays(5), startsOn = today.AddDays(10), endsOn = today.AddDays(300),
        }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var cohortId = (await response.Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!.Id;
        await using var session = app.Store.QuerySession();
        var planned = (await session.Events.FetchStreamAsync(cohortId, token: TestContext.Current.CancellationToken)).Single();
        var actor = Actor.Parse(planned.UserName.ShouldNotBeNull());
        actor.Kind.ShouldBe(Actor.Staff);
        Guid.TryParse(actor.Id, out _).ShouldBeTrue();
        actor.Role.ShouldBe(StaffRole.ProgrammeStaff);
        actor.Organisation.ShouldBe(nameof(OrganisingStructure.LesCanaux));
        planned.CorrelationId.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void An_actor_reads_back_as_it_was_written()
    {
        var actor = new Actor(Actor.PartnerKind, Guid.CreateVersion7().ToString(), null, "ObsAR");

        Actor.Parse(actor.ToString()).ShouldBe(actor);
    }

    private sealed record Created(Guid Id);
}

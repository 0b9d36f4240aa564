using Achats.Audit.Erasure;
using Achats.Host.Tests.Cohorts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Time;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// The retention rule (ADR 0061): three years after a cohort's closure, its people are erased by the daily run's
/// <see cref="ApplyRetention"/>, and nobody else: not the day before, not a person of a cohort still open.
/// </summary>
public sealed class RetentionTests(ApiWithClosedCohort app) : IClassFixture<ApiWithClosedCohort>
{
    [Fact]
    public async Task Three_years_after_the_closure_its_people_are_erased_and_nobody_else()
    {
        var closedOn = app.Clock.TodayInParis();
        var emails = new Dictionary<Guid, string>();
        foreach (var enrolment in new[] { app.Camille, app.Dominique, app.Claude })
        {
            emails[enrolment] = await app.ScalarAsync<string>("select data #>> '{Participant,Email}' from events.mt_events where stream_id = $1 and version = 1", enrolment);
        }

        var otherCohort = await new EnrolmentDriver(app).OpenCohortAsync(app.Staff);
        var otherEmail = $"honorine.{Guid.CreateVersion7():N}@ailleurs.test";
        var other = (await new EnrolmentDriver(app).PreRegisterAsync(Form(otherCohort, NewSiren(), email: otherEmail))).EnrolmentId;

        (await app.InvokeAsync<RetentionApplied>(new ApplyRetention(closedOn.AddYears(3).AddDays(-1)))).ErasedEnrolmentIds.ShouldBeEmpty();
        (await app.WhereStoredAsync([.. emails.Values])).ShouldNotBeEmpty();

        var applied = await app.InvokeAsync<RetentionApplied>(new ApplyRetention(closedOn.AddYears(3)));

        applied.ErasedEnrolmentIds.ShouldBe([app.Camille, app.Dominique, app.Claude], ignoreOrder: true);
        (await app.WhereStoredAsync([.. emails.Values])).ShouldBeEmpty();
        (await app.WhereStoredAsync(otherEmail)).ShouldNotBeEmpty();
        (await app.ScalarAsync<string>("select data #>> '{Participant,Email}' from events.mt_events where stream_id = $1 and version = 1", other)).ShouldBe(otherEmail);
        (await app.InvokeAsync<RetentionApplied>(new ApplyRetention(closedOn.AddYears(3).AddDays(1)))).ErasedEnrolmentIds.ShouldBeEmpty();
        var (exitCode, output) = await app.AuditCommandAsync("verify");
        exitCode.ShouldBe(0, output);
    }
}

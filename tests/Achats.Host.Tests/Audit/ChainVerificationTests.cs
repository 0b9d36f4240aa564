using Achats.Audit.Chain;
using Achats.Audit.Contracts;
using Achats.Shared.Time;
using Achats.Host.Tests.Cohorts;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine;
using Xunit;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// The hash chain of issue 18: every event appended gets its link in the same transaction; an event altered or a tail
/// deleted with SQL is found and named, by the stream page's check and by <c>audit verify</c>.
/// Each test tampers with a participant of its own, so the others' streams stay intact.
/// </summary>
public sealed class ChainVerificationTests(ApiWithAdmittedParticipants app) : IClassFixture<ApiWithAdmittedParticipants>
{
    [Fact]
    public async Task Every_event_appended_has_its_link_and_every_stream_verifies()
    {
        var events = await app.ScalarAsync<long>("select count(*) from events.mt_events");
        var links = await app.ScalarAsync<long>("select count(*) from audit.event_chain e join events.mt_events m on m.seq_id = e.seq_id");

        links.ShouldBe(events);
        events.ShouldBeGreaterThan(20);
        var integrity = await app.InvokeAsync<StreamIntegrity>(new VerifyStream(app.Dominique));
        integrity.ShouldBe(new StreamIntegrity(true, integrity.Events, integrity.Sealed, null));
        integrity.Events.ShouldBeGreaterThan(3);
        (await PageTextAsync(app.Dominique)).ShouldContain($"Intégrité vérifiée : les {integrity.Events} événements de cet historique correspondent à leur chaîne de hachage");
    }

    [Fact]
    public async Task An_event_s_data_altered_with_SQL_is_named_by_its_stream_and_version_and_the_command_exits_non_zero()
    {
        (await app.ExecuteSqlAsync(
            "update events.mt_events set data = jsonb_set(data, '{Organisation,Name}', '\"Entreprise falsifiée\"') where stream_id = $1 and version = 1",
            app.Claude)).ShouldBe(1);

        var integrity = await app.InvokeAsync<StreamIntegrity>(new VerifyStream(app.Claude));
        integrity.Intact.ShouldBeFalse();
        integrity.Break.ShouldBe("version 1 : les données de l'événement ont été modifiées");

        (await PageTextAsync(app.Claude)).ShouldContain("Intégrité rompue — version 1 : les données de l'événement ont été modifiées.");

        var (exitCode, output) = await app.AuditCommandAsync("verify");
        exitCode.ShouldBe(1, output);
        output.ShouldContain($"flux {app.Claude}, version 1");
        output.ShouldContain("les données de l'événement ont été modifiées");
        output.ShouldNotContain($"flux {app.Dominique}");
    }

    [Fact]
    public async Task A_deleted_last_event_is_found_through_the_sealed_heads()
    {
        (await app.AuditCommandAsync("seal")).ExitCode.ShouldBe(0);
        var last = await app.ScalarAsync<long>("select max(version) from events.mt_events where stream_id = $1", app.Camille);

        // Whoever deletes the tail deletes its link too, and sets the stream back: the chain left is consistent in itself.
        await app.ExecuteSqlAsync("delete from audit.event_chain where stream_id = $1 and version = $2", app.Camille, last);
        await app.ExecuteSqlAsync("delete from events.mt_events where stream_id = $1 and version = $2", app.Camille, last);
        await app.ExecuteSqlAsync("update events.mt_streams set version = $2 where id = $1", app.Camille, last - 1);

        var integrity = await app.InvokeAsync<StreamIntegrity>(new VerifyStream(app.Camille));
        integrity.Intact.ShouldBeFalse();
        integrity.Break!.ShouldStartWith($"version {last} : l'événement {last}, scellé le ");
        integrity.Break.ShouldEndWith("a disparu");
    }

    [Fact]
    public async Task The_nightly_run_seals_the_chain_once_a_night()
    {
        var day = app.Clock.TodayInParis();
        await app.Services.GetRequiredService<IMessageBus>().InvokeAsync(new RunDailyAudit(day), Cancellation);
        var seals = await app.ScalarAsync<long>("select count(*) from audit.seals");
        seals.ShouldBeGreaterThan(0);
        await app.Services.GetRequiredService<IMessageBus>().InvokeAsync(new RunDailyAudit(day), Cancellation);

        (await app.ScalarAsync<long>("select count(*) from audit.seals")).ShouldBe(seals);
        await using var session = app.Store.QuerySession();
        (await session.LoadAsync<AuditRun>(AuditRun.IdOf(day), Cancellation)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_seals_are_append_only()
    {
        (await app.AuditCommandAsync("seal")).ExitCode.ShouldBe(0);

        var refused = await Should.ThrowAsync<Npgsql.PostgresException>(() => app.ExecuteSqlAsync("delete from audit.sealed_heads"));
        refused.MessageText.ShouldContain("ne se modifient pas");
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<string> PageTextAsync(Guid enrolmentId) =>
        System.Net.WebUtility.HtmlDecode(await app.Staff.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation));
}

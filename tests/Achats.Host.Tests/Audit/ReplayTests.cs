using Achats.Host.Tests.Cohorts;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Audit;

/// <summary>
/// The replay of issue 18: a cohort's enrolments, roster and signature files stated again from the events alone and
/// compared with the stored read models field by field (<c>audit replay</c>), and every snapshot rewritten from its
/// events (<c>audit rebuild</c>) without touching an event. A test that plants a difference puts the stored value back.
/// </summary>
public sealed class ReplayTests(ApiWithCohortUnderWay app) : IClassFixture<ApiWithCohortUnderWay>
{
    private const string Enrolments = "enrolment.mt_doc_enrolment";
    private const string SignatureFiles = "charter.mt_doc_signaturefile";
    private const string Roster = "cohorts.mt_doc_rostermember";

    [Fact]
    public async Task The_replay_of_a_cohort_under_way_finds_no_difference()
    {
        var (exitCode, output) = await app.AuditCommandAsync("replay", "--cohort", app.CohortId.ToString());

        exitCode.ShouldBe(0, output);
        output.ShouldContain("3 inscriptions");
        output.ShouldContain("3 dossiers de signature");
        output.ShouldContain("3 membres");
        output.ShouldContain("rejoués : aucun écart.");
    }

    [Fact]
    public async Task A_difference_planted_in_an_enrolment_a_signature_file_and_the_roster_is_named_and_the_command_exits_1()
    {
        var reference = await app.ScalarAsync<string>($"select data->>'Reference' from {Enrolments} where id = $1", app.Dominique);
        var email = await app.ScalarAsync<string>($"select data->'Participant'->>'Email' from {Enrolments} where id = $1", app.Dominique);
        var claudeSurname = await app.ScalarAsync<string>($"select data->>'LastName' from {Roster} where id = $1", app.Claude);
        var camillesFile = await app.ScalarAsync<Guid>($"select id from {SignatureFiles} where data->>'EnrolmentId' = $1", app.Camille.ToString());
        var originals = new[]
        {
            (Enrolments, app.Dominique, await StoredAsync(Enrolments, app.Dominique)),
            (SignatureFiles, camillesFile, await StoredAsync(SignatureFiles, camillesFile)),
            (Roster, app.Claude, await StoredAsync(Roster, app.Claude)),
        };
        try
        {
            await PlantAsync(Enrolments, app.Dominique, "{Participant,Email}", "falsifie@example.org");
            await PlantAsync(SignatureFiles, camillesFile, "{Signer,JobTitle}", "Directrice falsifiée");
            await PlantAsync(Roster, app.Claude, "{OrganisationName}", "Entreprise falsifiée");

            var (exitCode, output) = await app.AuditCommandAsync("replay", "--cohort", app.CohortId.ToString());

            exitCode.ShouldBe(1, output);
            output.ShouldContain($"inscription {reference}, champ Participant.Email : stocké « falsifie@example.org », rejoué « {email} »");
            output.ShouldContain("dossier de signature Camille ");
            output.ShouldContain("champ Signer.JobTitle : stocké « Directrice falsifiée »");
            output.ShouldContain($"membre Claude {claudeSurname}, champ OrganisationName : stocké « Entreprise falsifiée »");
            output.ShouldContain("3 écart(s).");
        }
        finally
        {
            foreach (var (table, id, data) in originals)
            {
                await app.ExecuteSqlAsync($"update {table} set data = $2::jsonb where id = $1", id, data);
            }
        }
    }

    [Fact]
    public async Task The_rebuild_leaves_the_read_models_as_they_were_writes_no_event_and_the_chain_still_verifies()
    {
        var documentsBefore = await FingerprintAsync(Enrolments, SignatureFiles);
        var events = await app.ScalarAsync<long>("select count(*) from events.mt_events");

        var (exitCode, output) = await app.AuditCommandAsync("rebuild");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("vues réécrites depuis");
        output.ShouldContain("aucun événement écrit");
        var replay = await app.AuditCommandAsync("replay", "--cohort", app.CohortId.ToString());
        replay.ExitCode.ShouldBe(0, replay.Output);
        (await FingerprintAsync(Enrolments, SignatureFiles)).ShouldBe(documentsBefore);
        (await app.ScalarAsync<long>("select count(*) from events.mt_events")).ShouldBe(events);
        var verify = await app.AuditCommandAsync("verify");
        verify.ExitCode.ShouldBe(0, verify.Output);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("replay", "--cohort", "pas-un-identifiant")]
    [InlineData("replay", "--cohort", "0195f000-0000-7000-8000-000000000000")]
    public async Task Bad_arguments_or_an_unknown_cohort_exit_2_with_a_French_message(params string[] arguments)
    {
        var (exitCode, output) = await app.AuditCommandAsync(arguments);

        exitCode.ShouldBe(2, output);
        output.ShouldContain(arguments.Length == 1 ? "Utilisation" : arguments[2].StartsWith("pas", StringComparison.Ordinal) ? "n'est pas un identifiant d'édition" : "Aucun événement ne concerne l'édition");
    }

    private Task<string> StoredAsync(string table, Guid id) =>
        app.ScalarAsync<string>($"select data::text from {table} where id = $1", id);

    private async Task PlantAsync(string table, Guid id, string path, string value) =>
        (await app.ExecuteSqlAsync($"update {table} set data = jsonb_set(data, '{path}', to_jsonb($2::text)) where id = $1", id, value)).ShouldBe(1);

    /// <summary>Every document of the tables, in id order, as one digest: equal when not one field changed.</summary>
    private async Task<string> FingerprintAsync(params string[] tables) =>
        string.Join(" ", await Task.WhenAll(tables.Select(table =>
            app.ScalarAsync<string>($"select coalesce(md5(string_agg(id::text || data::text, ',' order by id)), '') from {table}"))));
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The staff list's search, sort, paging and CSV export: each test in a cohort of its own.</summary>
public sealed class EnrolmentListTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_ignores_accents_and_case_and_finds_by_name_email_organisation_and_siren()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();
        var eloise = await PreRegisterAsync(cohortId, "Éloïse", "Lefèvre", "Régie des Œuvres", siren, "e.lefevre@regie.test");
        await PreRegisterAsync(cohortId, "Marc", "Dupont", "Entreprise Test", NewSiren(), "marc.dupont@entreprise.test");

        foreach (var search in new[] { "eloise", "ÉLOÏSE", "lefevre eloise", "oeuvres", "régie", siren, "e.lefevre@REGIE", $" {siren} " })
        {
            Ids(await ListAsync(staff, $"cohortId={cohortId}&search={Uri.EscapeDataString(search)}")).ShouldBe([eloise], $"search « {search} »");
        }

        (await ListAsync(staff, $"cohortId={cohortId}&search=eloise%20dupont")).Total.ShouldBe(0);
        (await ListAsync(staff, $"cohortId={cohortId}&search=%20%20")).Total.ShouldBe(2);
    }

    [Fact]
    public async Task The_list_sorts_by_date_name_organisation_and_status_both_ways()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var zoe = await PreRegisterAsync(cohortId, "Zoé", "Zola", "Alpha", NewSiren());
        var eloise = await PreRegisterAsync(cohortId, "Éloïse", "Émile", "Zèbre", NewSiren());
        var bruno = await PreRegisterAsync(cohortId, "Bruno", "Bernard", "Mairie", NewSiren());
        (await staff.PostAsJsonAsync($"{Enrolments}/{zoe}/rejection", new { version = await _driver.VersionAsync(staff, zoe), reason = "Doublon." }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        Ids(await ListAsync(staff, $"cohortId={cohortId}")).ShouldBe([bruno, eloise, zoe]);
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=date-asc")).ShouldBe([zoe, eloise, bruno]);
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=name-asc")).ShouldBe([bruno, eloise, zoe]); // « Émile » sorts as « emile »
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=name-desc")).ShouldBe([zoe, eloise, bruno]);
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=organisation-asc")).ShouldBe([zoe, bruno, eloise]);
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=organisation-desc")).ShouldBe([eloise, bruno, zoe]);
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=status-asc")).ShouldBe([bruno, eloise, zoe]); // pre-registered before rejected
        Ids(await ListAsync(staff, $"cohortId={cohortId}&sort=status-desc"))[0].ShouldBe(zoe);
    }

    [Fact]
    public async Task Pages_split_the_filtered_list_and_the_pipeline_counts_every_page()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        List<Guid> enrolments = [];
        for (var i = 0; i < 5; i++)
        {
            enrolments.Add(await PreRegisterAsync(cohortId, "Camille", $"Durand{i}", "Entreprise Test", NewSiren()));
        }

        var first = await ListAsync(auditor, $"cohortId={cohortId}&pageSize=2");
        var last = await ListAsync(auditor, $"cohortId={cohortId}&pageSize=2&page=3");
        var beyond = await ListAsync(auditor, $"cohortId={cohortId}&pageSize=2&page=4");

        (first.Total, first.PageCount).ShouldBe((5, 3));
        Ids(first).ShouldBe([enrolments[4], enrolments[3]]);
        Ids(last).ShouldBe([enrolments[0]]);
        last.Pipeline["PreRegistered"].ShouldBe(5);
        beyond.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_csv_holds_every_filtered_row_in_French_for_a_French_spreadsheet()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();
        var form = Form(cohortId, siren);
        ((Dictionary<string, object?>)form["participant"]!)["jobTitle"] = "=HYPERLINK(\"http://x.test\";\"clic\")";
        ((Dictionary<string, object?>)form["participant"]!)["lastName"] = "Lefèvre";
        await _driver.PreRegisterAsync(form);
        await PreRegisterAsync(cohortId, "Marc", "Dupont", "Autre; structure", NewSiren());

        var response = await auditor.GetAsync($"{Enrolments}.csv?cohortId={cohortId}&search=lefevre", Cancellation);
        var everyone = await auditor.GetAsync($"{Enrolments}.csv?cohortId={cohortId}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("inscriptions.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Édition;Nom;Prénom;Courriel;Fonction;Profil;Structure;SIREN;Type de structure;Étape;Gratuité;Pré-inscription le");
        lines.Length.ShouldBe(2); // the search applies
        var row = lines[1];
        row.ShouldStartWith("Édition ");
        row.ShouldContain(";Lefèvre;Camille;");
        row.ShouldContain(";\"'=HYPERLINK(\"\"http://x.test\"\";\"\"clic\"\")\";"); // a formula no longer
        row.ShouldContain($";{siren};Entreprise privée;Pré-inscrite;Adhésion nécessaire;");
        var all = (await everyone.Content.ReadAsStringAsync(Cancellation)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        all.Length.ShouldBe(3);
        all.ShouldContain(line => line.Contains(";\"Autre; structure\";", StringComparison.Ordinal));

        var workbook = await auditor.GetAsync($"{Enrolments}.xlsx?cohortId={cohortId}&search=lefevre", Cancellation);
        workbook.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("inscriptions.xlsx");
        var rows = Workbook.Read(await workbook.Content.ReadAsStreamAsync(Cancellation)).Rows;
        rows.Count.ShouldBe(2);
        string.Join(';', rows[0]).ShouldBe(lines[0]);
        rows[1][4].ShouldBe("=HYPERLINK(\"http://x.test\";\"clic\")"); // text in a cell, never a formula
        rows[1][7].ShouldBe(siren);
    }

    [Theory]
    [InlineData("search=abc%00def", "search", "Ce texte contient un caractère invisible non autorisé (caractère nul ou de contrôle) : retirez-le.")]
    [InlineData("sort=price-asc", "sort", "Tri inconnu : triez par date, nom, structure ou étape, croissant (-asc) ou décroissant (-desc).")]
    [InlineData("page=0", "page", "La page va de 1 à 100 000.")]
    public async Task Bad_input_is_refused_in_French_by_the_list_and_the_csv(string query, string field, string message)
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var list = await staff.GetAsync($"{Enrolments}?{query}", Cancellation);

        (await list.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error(field).ShouldBe(message);
        if (field != "page")
        {
            var csv = await staff.GetAsync($"{Enrolments}.csv?{query}", Cancellation);
            (await csv.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error(field).ShouldBe(message);
        }
    }

    [Fact]
    public async Task A_search_longer_than_200_characters_is_refused()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await staff.GetAsync($"{Enrolments}?search={new string('a', 201)}", Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("search").ShouldBe("La recherche ne doit pas dépasser 200 caractères.");
    }

    private async Task<Guid> PreRegisterAsync(Guid cohortId, string firstName, string lastName, string organisation, string siren, string? email = null)
    {
        var form = Form(cohortId, siren, email);
        var participant = (Dictionary<string, object?>)form["participant"]!;
        (participant["firstName"], participant["lastName"]) = (firstName, lastName);
        ((Dictionary<string, object?>)form["organisation"]!)["name"] = organisation;
        return (await _driver.PreRegisterAsync(form)).EnrolmentId;
    }

    private static async Task<EnrolmentPageAnswer> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"{Enrolments}?{query}", Cancellation)).ReadAsync<EnrolmentPageAnswer>(HttpStatusCode.OK);

    private static Guid[] Ids(EnrolmentPageAnswer list) => [.. list.Items.Select(item => item.Id)];
}

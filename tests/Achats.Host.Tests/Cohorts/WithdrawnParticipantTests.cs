using Achats.Cohorts.Contracts;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// Claude withdrawn while the cohort is under way: Enrolment says so, the roster hears it, the pair stays whole; the
/// exports read back as a French Excel would (UTF-8 with a byte order mark, ';' between fields).
/// </summary>
public sealed class WithdrawnParticipantTests(ApiWithWithdrawnParticipant api) : IClassFixture<ApiWithWithdrawnParticipant>
{
    private string Plenary => $"{api.StartsOn.AddDays(1):dd/MM/yyyy} 09:30 Séance plénière : Séance de lancement";

    [Fact]
    public void A_withdrawal_tells_the_cohort_who_left() =>
        Published<ParticipantLeftCohort>(api.Withdrawal).ShouldHaveSingleItem().EnrolmentId.ShouldBe(api.Claude);

    [Fact]
    public async Task The_roster_keeps_a_withdrawn_participant_as_a_former_member_with_the_reason()
    {
        var roster = await GetAsync<RosterAnswer>(api.Staff, $"{api.Cohort}/roster");

        roster.MemberCount.ShouldBe(2);
        roster.FormerMembers.ShouldHaveSingleItem().LeftReason.ShouldBe("Départ de l'entreprise");
    }

    [Fact]
    public async Task The_roster_export_lists_members_with_their_binome_and_former_members_with_their_reason()
    {
        var rows = await CsvAsync(api.Staff, $"{api.Cohort}/roster.csv");

        rows[0].ShouldBe(["Nom", "Prénom", "Courriel", "Structure", "SIREN", "Secteur", "Profil", "Binôme", "Admis le", "Parti le", "Motif du départ"]);
        rows.Count.ShouldBe(4);
        rows.Single(row => row[1] == "Camille")[7].ShouldBe("Dominique Durand");
        rows.Single(row => row[1] == "Claude")[10].ShouldBe("Départ de l'entreprise");
    }

    [Fact]
    public async Task The_attendance_export_shows_each_mark_in_French_and_who_is_flagged()
    {
        var rows = await CsvAsync(api.Staff, $"{api.Cohort}/attendance.csv");

        rows[0].ShouldContain(Plenary);
        var column = rows[0].IndexOf(Plenary);
        rows.Single(row => row[0] == "Dominique Durand")[column].ShouldBe("Absent");
        rows.Single(row => row[0] == "Claude Durand")[column].ShouldBe("Excusé");
        rows.Single(row => row[0] == "Dominique Durand")[^1].ShouldBe("Oui");
    }

    [Theory]
    [InlineData("roster", "participants.xlsx", "Participants")]
    [InlineData("attendance", "presences.xlsx", "Présences")]
    [InlineData("projects", "projets-achat.xlsx", "Projets d'achat")]
    public async Task Each_export_opens_in_Excel_with_the_same_columns_and_rows_as_its_csv(string export, string fileName, string sheet)
    {
        var csv = await CsvAsync(api.Staff, $"{api.Cohort}/{export}.csv");
        var response = await api.Staff.GetAsync($"{api.Cohort}/{export}.xlsx", TestContext.Current.CancellationToken);
        var workbook = await XlsxAsync(api.Staff, $"{api.Cohort}/{export}.xlsx");

        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(fileName);
        workbook.SheetName.ShouldBe(sheet);
        workbook.Rows.Select(row => string.Join('|', row)).ShouldBe(csv.Select(row => string.Join('|', row)));
    }

    [Fact]
    public async Task An_export_in_another_format_is_not_found() =>
        (await api.Staff.GetAsync($"{api.Cohort}/roster.pdf", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

    [Fact]
    public async Task The_projects_export_shows_a_project_with_its_labels_owners_and_notes()
    {
        var school = (await CsvAsync(api.Staff, $"{api.Cohort}/projects.csv")).Single(row => row[0] == "Restauration scolaire");

        school[1].ShouldBe("Restauration");
        school[2].ShouldBe("Économie sociale et solidaire");
        school[4].ShouldBe("Consultation publiée");
        school[5].ShouldBe("Dominique Durand, Camille Durand");
        school[7].ShouldBe("Marché à renouveler ; lots « bio » et insertion.");
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Cohorts.Contracts;
using Achats.Community.Directory;
using Achats.Host.Tests.Cohorts;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>
/// The space under way, then its directory filled: nobody listed at first; Dominique opts in (her binôme, Camille, not
/// yet listed), then Camille (« Acheteuse publique », catering), then Claude, who is then withdrawn.
/// </summary>
public sealed class DirectoryUnderWay(PostgresServer postgres) : SpaceUnderWay(postgres)
{
    public DirectoryView BeforeOptIn { get; private set; } = null!;

    public DirectoryView DominiqueAlone { get; private set; } = null!;

    public DirectoryView BeforeWithdrawal { get; private set; } = null!;

    public string Directory => $"{Space}/directory";

    public string MyProjects => $"{Space}/my-projects";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        BeforeOptIn = await CohortDriver.GetAsync<DirectoryView>(Staff, Directory);
        await OptInAsync(DominiqueClient, "Chargée de mission achats durables", "Catering");
        DominiqueAlone = await CohortDriver.GetAsync<DirectoryView>(Staff, Directory);
        await OptInAsync(CamilleClient, "Acheteuse publique", "Catering");
        await OptInAsync(ClaudeClient, "Responsable des services généraux", "Cleaning");
        BeforeWithdrawal = await CohortDriver.GetAsync<DirectoryView>(Staff, Directory);
        await WithdrawAsync(Claude, "Départ de l'entreprise");
    }

    public Task<MyDirectoryEntry> OptInAsync(HttpClient member, string role, string category, bool listed = true) =>
        CohortDriver.SendAsync<MyDirectoryEntry>(member, HttpMethod.Put, $"{Directory}/me", new { listed, role, category }, HttpStatusCode.OK);

    /// <summary>Events and documents stored, to show that a refused request wrote nothing.</summary>
    public async Task<(int Events, int Entries)> WrittenAsync()
    {
        await using var session = Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().CountAsync(Cancellation), await session.Query<DirectoryEntry>().CountAsync(Cancellation));
    }
}

/// <summary>The space's directory (opt-in only, binôme, search, departures) and « Mon projet » (Cohorts' own-project contract).</summary>
public sealed class DirectoryAndMyProjectTests(DirectoryUnderWay app) : IClassFixture<DirectoryUnderWay>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task<DirectoryView> DirectoryAsync(HttpClient client, string query = "") => CohortDriver.GetAsync<DirectoryView>(client, $"{app.Directory}{query}");

    [Fact]
    public void Nobody_is_listed_before_opting_in()
    {
        app.BeforeOptIn.Members.ShouldBeEmpty();
        app.BeforeOptIn.Mine.ShouldBeNull("staff have no entry");
    }

    [Fact]
    public async Task A_member_who_opted_in_appears_with_her_role_category_and_binome_once_both_are_listed()
    {
        app.DominiqueAlone.Members.ShouldHaveSingleItem().Binome.ShouldBeNull("Camille had not opted in yet");

        var directory = await DirectoryAsync(app.CamilleClient);

        var camille = directory.Members.Single(member => member.Name.StartsWith("Camille", StringComparison.Ordinal));
        camille.Role.ShouldBe("Acheteuse publique");
        camille.CategoryLabel.ShouldBe("Restauration");
        directory.Members.Single(member => member.Name.StartsWith("Dominique", StringComparison.Ordinal)).Binome.ShouldBe(camille.Name);
        directory.Mine.ShouldBe(new MyDirectoryEntry(true, "Acheteuse publique", PurchaseCategory.Catering));
    }

    [Fact]
    public async Task Opting_out_removes_the_entry_at_once_and_the_binome_with_it()
    {
        await app.OptInAsync(app.CamilleClient, "Acheteuse publique", "Catering", listed: false);
        try
        {
            var directory = await DirectoryAsync(app.DominiqueClient);

            directory.Members.ShouldNotContain(member => member.Name.StartsWith("Camille", StringComparison.Ordinal));
            directory.Members.ShouldHaveSingleItem().Binome.ShouldBeNull();
        }
        finally
        {
            await app.OptInAsync(app.CamilleClient, "Acheteuse publique", "Catering");
        }
    }

    [Fact]
    public async Task The_directory_is_searched_by_organisation_role_and_category()
    {
        var organisation = (await app.SpaceAsync()).Member(app.Camille)!.Organisation;

        (await DirectoryAsync(app.Staff, $"?q={Uri.EscapeDataString(organisation)}")).Members.Count.ShouldBe(2, "Camille and Dominique work there");
        (await DirectoryAsync(app.Staff, "?q=ACHETEUSE")).Members.ShouldHaveSingleItem().Name.ShouldStartWith("Camille");
        (await DirectoryAsync(app.Staff, "?category=Catering")).Members.Count.ShouldBe(2);
        (await DirectoryAsync(app.Staff, "?category=Furniture")).Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_withdrawn_member_is_no_longer_listed()
    {
        app.BeforeWithdrawal.Members.ShouldContain(member => member.Name.StartsWith("Claude", StringComparison.Ordinal));

        (await DirectoryAsync(app.Staff)).Members.ShouldNotContain(member => member.Name.StartsWith("Claude", StringComparison.Ordinal));
        (await app.ClaudeClient.GetAsync(app.Directory, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_stranger_is_refused_and_staff_are_not_listed()
    {
        using var stranger = await app.ParticipantAsync($"inconnu.{Guid.CreateVersion7():N}@ville.test");

        (await stranger.GetAsync(app.Directory, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"{app.Page}/annuaire", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refused = await CohortDriver.SendAsync<Problem>(app.Staff, HttpMethod.Put, $"{app.Directory}/me",
            new { listed = true, role = "Équipe" }, HttpStatusCode.Forbidden);
        refused.Detail!.ShouldContain("l'équipe du programme n'y figure pas");
    }

    [Fact]
    public async Task An_overlong_role_is_refused_in_French_and_nothing_is_written()
    {
        var before = await app.WrittenAsync();

        var refused = await CohortDriver.SendAsync<Problem>(app.CamilleClient, HttpMethod.Put, $"{app.Directory}/me",
            new { listed = true, role = new string('r', 101) }, HttpStatusCode.BadRequest);

        refused.Error("role").ShouldContain("100 caractères");
        (await app.WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_directory_page_lists_the_members_and_offers_the_member_her_entry()
    {
        using var page = await app.CamilleClient.GetAsync($"{app.Page}/annuaire?q=acheteuse", Cancellation);

        var html = await page.Content.ReadAsStringAsync(Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Acheteuse publique");
        html.ShouldContain("Figurer dans l&#x27;annuaire");
    }

    [Fact]
    public async Task A_member_declares_a_project_in_Mon_projet_and_staff_see_it_in_the_cohort_s_projects()
    {
        var saved = await CohortDriver.SendAsync<OwnProjectSaved>(app.CamilleClient, HttpMethod.Post, app.MyProjects, Project("Mobilier de réemploi"), HttpStatusCode.Created);

        var mine = await CohortDriver.GetAsync<OwnProjects>(app.CamilleClient, app.MyProjects);
        mine.Projects.ShouldContain(project => project.ProjectId == saved.ProjectId && project.Milestone == Milestone.NeedExpressed);
        mine.Projects.ShouldContain(project => project.Title == "Restauration scolaire", "her binôme's project is hers too");
        var staffList = await app.Staff.GetStringAsync($"{app.Cohort}/projects", Cancellation);
        staffList.ShouldContain(saved.ProjectId.ToString());
        staffList.ShouldContain("Mobilier de réemploi");
    }

    [Fact]
    public async Task An_update_on_a_stale_version_is_refused_with_409()
    {
        var saved = await CohortDriver.SendAsync<OwnProjectSaved>(app.DominiqueClient, HttpMethod.Post, app.MyProjects, Project("Nettoyage des locaux"), HttpStatusCode.Created);
        var updated = await CohortDriver.SendAsync<OwnProjectSaved>(app.DominiqueClient, HttpMethod.Put, $"{app.MyProjects}/{saved.ProjectId}",
            Project("Nettoyage des locaux", "ConsultationPublished", saved.Version), HttpStatusCode.OK);
        updated.Version.ShouldBe(saved.Version + 1);

        var stale = await CohortDriver.SendAsync<Problem>(app.DominiqueClient, HttpMethod.Put, $"{app.MyProjects}/{saved.ProjectId}",
            Project("Nettoyage des locaux", "ContractAwarded", saved.Version), HttpStatusCode.Conflict);

        stale.Detail.ShouldNotBeNullOrEmpty();
        (await CohortDriver.GetAsync<OwnProjects>(app.DominiqueClient, app.MyProjects)).Projects
            .Single(project => project.ProjectId == saved.ProjectId).Milestone.ShouldBe(Milestone.ConsultationPublished);
    }

    [Fact]
    public async Task Someone_else_s_project_is_not_found_and_staff_have_no_Mon_projet()
    {
        var saved = await CohortDriver.SendAsync<OwnProjectSaved>(app.CamilleClient, HttpMethod.Post, app.MyProjects, Project("Véhicules électriques"), HttpStatusCode.Created);
        using var other = await app.ParticipantAsync($"inconnu.{Guid.CreateVersion7():N}@ville.test");

        (await other.PutAsJsonAsync($"{app.MyProjects}/{saved.ProjectId}", Project("Pris", version: saved.Version), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Staff.GetAsync(app.MyProjects, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_project_is_refused_with_French_field_errors_and_nothing_is_written()
    {
        var before = await app.WrittenAsync();

        var refused = await CohortDriver.SendAsync<Problem>(app.CamilleClient, HttpMethod.Post, app.MyProjects,
            new { title = "", category = "Catering", themes = Array.Empty<string>(), milestone = "NeedExpressed" }, HttpStatusCode.BadRequest);

        refused.Error("title").ShouldBe("L'intitulé du projet d'achat est obligatoire.");
        refused.Error("themes").ShouldContain("au moins un enjeu");
        (await app.WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_Mon_projet_page_shows_the_member_s_projects_and_the_declaration_form()
    {
        using var page = await app.CamilleClient.GetAsync($"{app.Page}/mon-projet", Cancellation);

        var html = await page.Content.ReadAsStringAsync(Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Restauration scolaire");
        html.ShouldContain("Déclarer un projet d&#x27;achat");
    }

    [Fact]
    public async Task The_Mon_projet_page_refuses_an_update_made_on_a_stale_version_in_French()
    {
        var saved = await CohortDriver.SendAsync<OwnProjectSaved>(app.CamilleClient, HttpMethod.Post, app.MyProjects, Project("Fournitures recyclées"), HttpStatusCode.Created);
        var page = await app.CamilleClient.GetStringAsync($"{app.Page}/mon-projet", Cancellation);
        await CohortDriver.SendAsync<OwnProjectSaved>(app.DominiqueClient, HttpMethod.Put, $"{app.MyProjects}/{saved.ProjectId}",
            Project("Fournitures recyclées", "ConsultationPublished", saved.Version), HttpStatusCode.OK);

        using var posted = await app.CamilleClient.PostAsync($"{app.Page}/mon-projet", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value),
            new("_handler", "projet"), new("projectId", saved.ProjectId.ToString()), new("version", saved.Version.ToString(CultureInfo.InvariantCulture)),
            new("title", "Fournitures recyclées"), new("category", "Furniture"), new("themes", "Circular"), new("milestone", "ContractAwarded"),
        ]), Cancellation);

        var html = await posted.Content.ReadAsStringAsync(Cancellation);
        posted.StatusCode.ShouldBe(HttpStatusCode.Conflict, html);
        html.ShouldContain("Recharger la page pour voir la dernière version");
        (await CohortDriver.GetAsync<OwnProjects>(app.CamilleClient, app.MyProjects)).Projects
            .Single(project => project.ProjectId == saved.ProjectId).Milestone.ShouldBe(Milestone.ConsultationPublished);
    }

    private static object Project(string title, string milestone = "NeedExpressed", int version = 0) => new
    {
        title, category = "Furniture", themes = new[] { "Circular" }, milestone, expectedProcedureOn = "2027-03-01", notes = "Lots de réemploi", version,
    };
}

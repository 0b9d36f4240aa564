using System.Net;
using Achats.Catalogue.Search;
using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>
/// The public catalogue's search and solution API, on real PostgreSQL: French stemming and accents, relevance then
/// newest first, filters, pages, and only published versions, never the contact. Each test marks its solutions with a
/// word of its own, so that tests sharing the database do not meet.
/// </summary>
public sealed class CatalogueSearchTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Solutions = "/api/catalogue/v1/solutions";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_finds_inflected_words_and_ignores_accents_and_case()
    {
        var tag = Tag();
        var reused = await app.PublishedAsync(By("Bureaux Solidaires", CatalogueSolutions.Content(
            title: "Mobilier de bureau", description: $"Des postes de travail réemployés, remis en état. {tag}")));
        var accented = await app.PublishedAsync(By("Info Solidaire", CatalogueSolutions.Content(
            title: "Réemploi de matériel informatique", description: $"Ordinateurs reconditionnés. {tag}")));
        await app.PublishedAsync(By("Cuisines d'Insertion", CatalogueSolutions.Content(title: "Traiteur solidaire", description: $"Repas de chantier d'insertion. {tag}")));

        Ids(await SearchAsync($"q=réemploi {tag}")).ShouldBe([accented, reused], ignoreOrder: true);
        Ids(await SearchAsync($"q=Réemployés {tag}")).ShouldBe([accented, reused], ignoreOrder: true);
        // Without accents, a word is found as written: the stemmer needs them to reach « réemploi » from « réemployés ».
        Ids(await SearchAsync($"q=reemploi {tag}")).ShouldBe([accented]);
        Ids(await SearchAsync($"q=REEMPLOYES {tag}")).ShouldBe([reused]);
        Ids(await SearchAsync($"q=reconditionnes {tag}")).ShouldBe([accented]);
        Ids(await SearchAsync($"q=ordinateur {tag}")).ShouldBe([accented]);
        Ids(await SearchAsync($"q=informatiques {tag}")).ShouldBe([accented]);
        (await SearchAsync($"q=piscine {tag}")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_title_match_ranks_before_a_description_match_and_equal_matches_show_the_newest_first()
    {
        var tag = Tag();
        var inDescription = await app.PublishedAsync(CatalogueSolutions.Content(
            title: "Fournitures de bureau", description: $"Nous livrons aussi du papier recyclé. {tag}"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var inTitle = await app.PublishedAsync(CatalogueSolutions.Content(title: "Papier recyclé", description: $"Ramettes et enveloppes. {tag}"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var inDescriptionNewer = await app.PublishedAsync(CatalogueSolutions.Content(
            title: "Imprimerie coopérative", description: $"Impression sur papier recyclé. {tag}"));

        Ids(await SearchAsync($"q=papier {tag}")).ShouldBe([inTitle, inDescriptionNewer, inDescription]);
        Ids(await SearchAsync($"q={tag}")).ShouldBe([inDescriptionNewer, inTitle, inDescription]);
    }

    [Fact]
    public async Task Filters_narrow_by_category_theme_ess_status_and_departement_with_or_without_words()
    {
        var tag = Tag();
        var furniture = await app.PublishedAsync(CatalogueSolutions.Content(
            title: "Mobilier", description: tag, categories: [PurchaseCategory.Furniture], essStatus: EssStatus.Cooperative, departements: ["75"]));
        var catering = await app.PublishedAsync(CatalogueSolutions.Content(
            title: "Traiteur", description: tag, categories: [PurchaseCategory.Catering, PurchaseCategory.Events], essStatus: EssStatus.Siae, departements: ["93", "2A"]));

        Ids(await SearchAsync($"q={tag}&category=Events")).ShouldBe([catering]);
        Ids(await SearchAsync($"q={tag}&essStatus=Cooperative")).ShouldBe([furniture]);
        Ids(await SearchAsync($"q={tag}&departement=2A")).ShouldBe([catering]);
        Ids(await SearchAsync($"q={tag}&theme=Circular")).ShouldBe([catering, furniture]);
        Ids(await SearchAsync($"q={tag}&category=Furniture&departement=93")).ShouldBeEmpty();
        (await SearchAsync("category=Catering&departement=2A")).Items.ShouldContain(listing => listing.Id == catering);
        (await SearchAsync("category=Catering&departement=2A")).Items.ShouldNotContain(listing => listing.Id == furniture);
    }

    [Fact]
    public async Task Pages_split_the_results_within_bounds()
    {
        var tag = Tag();
        List<Guid> newestFirst = [];
        for (var index = 0; index < 5; index++)
        {
            newestFirst.Insert(0, await app.PublishedAsync(CatalogueSolutions.Content(title: $"Solution {index}", description: tag)));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var second = await SearchAsync($"q={tag}&page=2&pageSize=2");
        second.Total.ShouldBe(5);
        second.PageCount.ShouldBe(3);
        Ids(second).ShouldBe(newestFirst[2..4]);
        Ids(await SearchAsync($"q={tag}&page=3&pageSize=2")).ShouldBe(newestFirst[4..]);
        Ids(await SearchAsync($"q={tag}&page=4&pageSize=2")).ShouldBeEmpty();
        (await SearchAsync($"q={tag}")).PageSize.ShouldBe(SearchCatalogue.DefaultPageSize);
    }

    [Fact]
    public async Task Only_the_published_version_is_found_and_read_never_a_pending_edit_an_unpublished_or_an_unreviewed_one()
    {
        var tag = Tag();
        var edited = await app.PublishedAsync(CatalogueSolutions.Content(title: "Nettoyage écologique", description: tag));
        await AppendAsync(edited, new SolutionRevised(edited, CatalogueSolutions.Content(title: "Blanchisserie solidaire", description: tag), app.Clock.GetUtcNow()));
        var withdrawn = await app.PublishedAsync(CatalogueSolutions.Content(title: "Espaces verts", description: tag));
        await AppendAsync(withdrawn, new SolutionUnpublished(withdrawn, "Plus d'activité.", app.Clock.GetUtcNow()));
        var unreviewed = await app.AwaitingReviewAsync(CatalogueSolutions.Content(title: "Blanchisserie", description: tag));

        Ids(await SearchAsync($"q={tag}")).ShouldBe([edited]);
        Ids(await SearchAsync($"q=blanchisserie {tag}")).ShouldBeEmpty();
        (await ReadAsync(edited)).Title.ShouldBe("Nettoyage écologique");
        foreach (var missing in new[] { withdrawn, unreviewed, Guid.CreateVersion7() })
        {
            using var anonymous = app.CreateClient();
            var problem = await (await anonymous.GetAsync($"{Solutions}/{missing}", Cancellation)).ReadAsync<Problem>(HttpStatusCode.NotFound);
            problem.Detail.ShouldBe(GetCatalogueSolutionHandler.NotFound);
        }
    }

    [Fact]
    public async Task The_answers_show_what_the_public_page_shows_and_never_the_contact()
    {
        var tag = Tag();
        var contact = $"{tag}@contact.example.org";
        var id = await app.PublishedAsync(CatalogueSolutions.Content(title: "Mobilier réemployé", contactEmail: contact, description: tag));
        using var anonymous = app.CreateClient();

        var list = await (await anonymous.GetAsync($"{Solutions}?q={tag}", Cancellation)).Content.ReadAsStringAsync(Cancellation);
        var page = await (await anonymous.GetAsync($"{Solutions}/{id}", Cancellation)).Content.ReadAsStringAsync(Cancellation);

        foreach (var answer in new[] { list, page })
        {
            answer.ShouldContain("Mobilier réemployé");
            answer.ShouldNotContain(contact);
            answer.ShouldNotContain("Claire Martin");
            answer.ShouldNotContain("01 23 45 67 89");
            answer.ShouldNotContain("contact", Case.Insensitive);
        }

        var solution = await ReadAsync(id);
        solution.Supplier.ShouldBe(new CatalogueSupplier("Ateliers du Réemploi", "SCOP SA", "MONTREUIL", EssStatus.Cooperative, "https://ateliers.example.org"));
        solution.References.ShouldHaveSingleItem().Buyer.ShouldBe("Ville de Montreuil");
    }

    [Theory]
    [InlineData("category=Chaises", "category", "Catégorie d'achat inconnue.")]
    [InlineData("category=4", "category", "Catégorie d'achat inconnue.")]
    [InlineData("theme=Vert", "theme", "Enjeu inconnu")]
    [InlineData("essStatus=Scop", "essStatus", "Statut dans l'économie sociale et solidaire inconnu.")]
    [InlineData("departement=20", "departement", "Département inconnu")]
    [InlineData("page=0", "page", "La page est un nombre de 1 à 500.")]
    [InlineData("page=deux", "page", "La page est un nombre de 1 à 500.")]
    [InlineData("pageSize=51", "pageSize", "Une page compte de 1 à 50 solutions.")]
    [InlineData("pageSize=-1", "pageSize", "Une page compte de 1 à 50 solutions.")]
    public async Task Bad_parameters_are_refused_field_by_field_in_french(string query, string field, string message)
    {
        using var anonymous = app.CreateClient();

        var problem = await (await anonymous.GetAsync($"{Solutions}?{query}", Cancellation)).ReadAsync<Problem>(HttpStatusCode.BadRequest);

        problem.Error(field).ShouldStartWith(message);
    }

    [Fact]
    public async Task A_too_long_search_is_refused()
    {
        using var anonymous = app.CreateClient();

        var problem = await (await anonymous.GetAsync($"{Solutions}?q={new string('a', 201)}", Cancellation)).ReadAsync<Problem>(HttpStatusCode.BadRequest);

        problem.Error("q").ShouldBe("La recherche ne doit pas dépasser 200 caractères.");
    }

    /// <summary>A word no French text holds, the same in every form (letters only, no stem to cut).</summary>
    private static string Tag() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).Select(letter => (char)(letter + 10)));

    /// <summary>The content sold by another supplier than the one whose name holds « réemploi ».</summary>
    private static SolutionContent By(string supplier, SolutionContent content) => content with { Supplier = content.Supplier with { Name = supplier } };

    private static IReadOnlyList<Guid> Ids(CatalogueResults results) => results.Items.Select(listing => listing.Id).ToList();

    private async Task<CatalogueResults> SearchAsync(string query)
    {
        using var anonymous = app.CreateClient();
        return await (await anonymous.GetAsync($"{Solutions}?{query}", Cancellation)).ReadAsync<CatalogueResults>(HttpStatusCode.OK);
    }

    private async Task<CatalogueSolution> ReadAsync(Guid id)
    {
        using var anonymous = app.CreateClient();
        return await (await anonymous.GetAsync($"{Solutions}/{id}", Cancellation)).ReadAsync<CatalogueSolution>(HttpStatusCode.OK);
    }

    private async Task AppendAsync(Guid id, object change)
    {
        await using var session = app.Store.LightweightSession();
        session.Events.Append(id, change);
        await session.SaveChangesAsync(Cancellation);
    }
}

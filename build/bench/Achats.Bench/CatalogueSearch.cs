using System.Globalization;
using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Marten;

/// <summary>
/// The public catalogue's search (issue 16, p95 ≤ 50 ms): seeds N published solutions through the event store (the
/// events the review appends; the inline projection builds the catalogue's documents in the same transactions), with
/// generated French texts, categories and départements, then measures GET /api/catalogue/v1/solutions on 127.0.0.1,
/// one request at a time, for several searches: a word, two words, words with filters, filters without words.
/// Usage: build/bench/catalogue-search.sh [solutions, default 10000] [requests per search, default 200]
/// </summary>
internal static class CatalogueSearchBench
{
    private const double Target = 50;
    private const int Batch = 500;

    private static readonly string[] Things =
    [
        "mobilier de bureau", "ordinateurs reconditionnés", "repas bio et locaux", "nettoyage écologique", "vêtements de travail",
        "espaces verts", "collecte des déchets", "papier recyclé", "vélos de service", "traiteur pour événements", "sièges réemployés",
        "matériel informatique", "textiles recyclés", "fournitures de bureau", "entretien des locaux", "chantier d'insertion",
    ];

    private static readonly string[] Ways =
    [
        "remis en état par des salariés en insertion", "fabriqués en France par une entreprise adaptée", "livrés à vélo dans toute la métropole",
        "issus du réemploi et garantis deux ans", "préparés par un ESAT avec des produits de saison", "collectés puis triés sur place",
        "loués plutôt que vendus, réparés sur site", "conçus pour durer et être réparés",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using var bench = await BenchHost.StartAsync(new Dictionary<string, string?>());
        var store = bench.App.Services.GetRequiredService<IDocumentStore>();
        var random = new Random(16);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        for (var start = 0; start < count; start += Batch)
        {
            await using var session = store.LightweightSession();
            for (var index = start; index < Math.Min(count, start + Batch); index++)
            {
                var id = Guid.CreateVersion7();
                var at = DateTimeOffset.UtcNow.AddMinutes(index - count);
                session.Events.StartStream<Solution>(id, new SolutionSubmitted(id, Content(random, index), at, at), new SolutionPublished(id, at));
            }

            await session.SaveChangesAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count} published solutions in {seeding.Elapsed.TotalSeconds:F0} s."));
        using var http = new HttpClient { BaseAddress = bench.Address };
        string[] searches =
        [
            "q=réemploi", "q=mobilier", "q=ordinateurs reconditionnés", "q=reemploi insertion", "q=traiteur&departement=93",
            "q=recyclé&category=OfficeSupplies&essStatus=Siae", "category=Furniture", "departement=75&theme=Solidarity", "", "q=réemploi&page=5",
        ];
        foreach (var search in searches)
        {
            await Latencies.MeasureAsync(1, 20, async _ => (await http.GetAsync($"/api/catalogue/v1/solutions?{search}")).EnsureSuccessStatusCode()); // warm-up
        }

        Console.WriteLine($"GET /api/catalogue/v1/solutions?…, {requests} requests each, 1 client (ms)");
        Console.WriteLine($"{"search",-50} | {"p50",7} {"p95",7} {"max",7} | target p95 ≤ {Target} ms");
        foreach (var search in searches)
        {
            var measured = await Latencies.MeasureAsync(1, requests, async _ => (await http.GetAsync($"/api/catalogue/v1/solutions?{search}")).EnsureSuccessStatusCode());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(search.Length == 0 ? "(everything, newest first)" : search),-50} | {measured.P50,7:F1} {measured.P95,7:F1} {measured.Max,7:F1} | {(measured.P95 <= Target ? "yes" : "NO")}"));
        }

        return 0;
    }

    private static SolutionContent Content(Random random, int index)
    {
        var thing = Things[random.Next(Things.Length)];
        var way = Ways[random.Next(Ways.Length)];
        var other = Things[random.Next(Things.Length)];
        var categories = Enum.GetValues<PurchaseCategory>();
        var statuses = Enum.GetValues<EssStatus>();
        var departements = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Departements.All[random.Next(Departements.All.Count)].Code).Distinct().ToList();
        var title = $"{char.ToUpperInvariant(thing[0])}{thing[1..]} n° {index + 1}";
        return new SolutionContent(
            new Supplier($"Structure solidaire {index + 1}", "000000000", "75056", "SCIC SAS", statuses[random.Next(statuses.Length)], null),
            new SupplierContact("Contact de mesure", $"contact{index}@mesure.example.org", null),
            new SolutionDescription(
                title,
                $"Des {thing} {way}.",
                $"Nous proposons des {thing} {way}. Nous livrons aussi des {other}.\n\n- devis sous une semaine ;\n- références publiques.",
                [categories[random.Next(categories.Length)]],
                random.Next(3) switch { 0 => [Theme.Circular], 1 => [Theme.Solidarity], _ => [Theme.Circular, Theme.Solidarity] },
                departements,
                [],
                []));
    }
}

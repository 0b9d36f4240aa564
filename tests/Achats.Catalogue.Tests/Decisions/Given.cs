using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;

namespace Achats.Catalogue.Tests.Decisions;

/// <summary>Solutions at each step of their life, as the decision tests start from.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static SolutionContent Content(string title = "Mobilier de bureau réemployé") => new(
        new Supplier("Ateliers du Réemploi", "732829320", "93066", "SCOP SA", EssStatus.Cooperative, "https://ateliers.example.org"),
        new SupplierContact("Claire Martin", "claire.martin@ateliers.example.org", "01 23 45 67 89"),
        new SolutionDescription(
            title,
            "Des bureaux et sièges remis en état par des salariés en insertion.",
            "Nous **collectons**, remettons en état et livrons du mobilier de bureau.",
            [PurchaseCategory.Furniture],
            [Theme.Circular, Theme.Solidarity],
            ["75", "93"],
            ["Label Emmaüs"],
            [new PublicBuyerReference("Ville de Montreuil", 2025, "120 postes de travail")]));

    public static Solution Submitted(SolutionContent? content = null)
    {
        var id = Guid.CreateVersion7();
        return Solution.Create(new SolutionSubmitted(id, content ?? Content(), Monday, Monday.AddMinutes(5))) with { Version = 1 };
    }

    public static Solution Published(SolutionContent? content = null)
    {
        var solution = Submitted(content);
        return solution.Apply(new SolutionPublished(solution.Id, Monday.AddDays(1))) with { Version = 2 };
    }
}

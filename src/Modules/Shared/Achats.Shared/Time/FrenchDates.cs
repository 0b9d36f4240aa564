using System.Globalization;

namespace Achats.Shared.Time;

/// <summary>Dates as a French reader writes them.</summary>
public static class FrenchDates
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« 1er janvier 2027 », « 31 décembre 2026 ».</summary>
    public static string Long(DateOnly date) =>
        (date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture)) + date.ToString(" MMMM yyyy", French);

    /// <summary>The day of <paramref name="instant"/> in Paris, as <see cref="Long(DateOnly)"/> writes it.</summary>
    public static string Long(DateTimeOffset instant) => Long(instant.ParisDate());

    /// <summary>« 14/01/2021 », for tables and exports.</summary>
    public static string Short(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>« 14/01/2021 09:30 », Paris time, for tables and exports.</summary>
    public static string Short(DateTimeOffset instant) => instant.InParis().ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>« 14/01/2021 à 09:30 », Paris time, for sentences.</summary>
    public static string At(DateTimeOffset instant) => instant.InParis().ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture);
}

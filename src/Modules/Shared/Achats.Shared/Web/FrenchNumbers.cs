using System.Globalization;

namespace Achats.Shared.Web;

/// <summary>Numbers as a French reader writes them: « 5 000 », « 12,5 % ».</summary>
public static class FrenchNumbers
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    public static string Format(int number) => number.ToString("N0", Culture);

    public static string Percent(double ratio) => ratio.ToString("P0", Culture);
}

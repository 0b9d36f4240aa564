using System.Globalization;

namespace Achats.Shared.Time;

/// <summary>Numbers as a French reader writes them: « 5 000 », « 1 234 567 ».</summary>
public static class FrenchNumbers
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    public static string Count(int number) => number.ToString("N0", Culture);
}

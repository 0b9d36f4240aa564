namespace Achats.Enrolment.Eligibility;

/// <summary>
/// The territory of the Métropole du Grand Paris, by INSEE commune code: Paris (75056 and its
/// arrondissements 75101–75120), every commune of Hauts-de-Seine (92), Seine-Saint-Denis (93) and
/// Val-de-Marne (94), and seven communes of Essonne and Val-d'Oise (DOMAIN.md, "Who takes part for free").
/// </summary>
internal static class MgpTerritory
{
    /// <summary>Argenteuil, Athis-Mons, Juvisy-sur-Orge, Morangis, Paray-Vieille-Poste, Savigny-sur-Orge, Viry-Châtillon.</summary>
    public static readonly IReadOnlySet<string> CommunesOutsideTheInnerDepartments =
        new HashSet<string>(StringComparer.Ordinal) { "95018", "91027", "91326", "91432", "91479", "91589", "91687" };

    private static readonly string[] InnerDepartments = ["92", "93", "94"];

    public static bool Contains(string inseeCode)
    {
        if (inseeCode is not { Length: 5 } || !inseeCode.All(char.IsAsciiDigit))
        {
            return false;
        }

        return InnerDepartments.Contains(inseeCode[..2])
            || inseeCode == "75056"
            || (inseeCode.StartsWith("751", StringComparison.Ordinal) && int.Parse(inseeCode[3..], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 20)
            || CommunesOutsideTheInnerDepartments.Contains(inseeCode);
    }
}

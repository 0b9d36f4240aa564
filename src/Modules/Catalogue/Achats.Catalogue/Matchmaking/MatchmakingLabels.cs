using System.Globalization;
using Achats.Cohorts.Contracts;
using Achats.Shared.Time;

namespace Achats.Catalogue.Matchmaking;

/// <summary>How a matchmaking session and its answers read in French, in the staff pages, the answer page and the emails alike.</summary>
public static class MatchmakingLabels
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« En ligne », « En présentiel », « Hybride » (Cohorts' modality names).</summary>
    public static string Modality(string modality) => modality switch
    {
        "Online" => "En ligne",
        "InPerson" => "En présentiel",
        _ => "Hybride (en présentiel et en ligne)",
    };

    /// <summary>« jeudi 14 janvier 2027 », the day in Paris.</summary>
    public static string Day(DateTimeOffset instant) => $"{instant.InParis().ToString("dddd", French)} {FrenchDates.Long(instant)}";

    /// <summary>« 9 h 30 », Paris time.</summary>
    public static string Time(DateTimeOffset instant) => instant.InParis().ToString("H' h 'mm", CultureInfo.InvariantCulture);

    /// <summary>« jeudi 14 janvier 2027, de 9 h 30 à 12 h 00 (heure de Paris) ».</summary>
    public static string When(MatchmakingDetails details) =>
        $"{Day(details.StartsAt)}, de {Time(details.StartsAt)} à {Time(details.EndsAt)} (heure de Paris)";

    public static string Categories(IEnumerable<PurchaseCategory> categories) => string.Join(", ", categories.Select(PurchaseLabels.Of));

    /// <summary>An invitation's answer as staff read it.</summary>
    public static string Answer(bool? presents) => presents switch
    {
        true => "Oui, présentera sa solution",
        false => "Non, ne présentera pas",
        null => "En attente de réponse",
    };
}

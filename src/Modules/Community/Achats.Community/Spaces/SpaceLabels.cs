using System.Globalization;
using Achats.Shared.Time;

namespace Achats.Community.Spaces;

/// <summary>How a session reads in the space, in French and Paris time.</summary>
public static class SpaceLabels
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« En ligne », « En présentiel », « Hybride » (Cohorts' modality names).</summary>
    public static string Modality(string modality) => modality switch
    {
        "Online" => SpaceTexts.Online,
        "InPerson" => SpaceTexts.InPerson,
        _ => SpaceTexts.Hybrid,
    };

    /// <summary>« Plénière », « Atelier », « Mise en relation » (Cohorts' kinds of session).</summary>
    public static string Kind(string kind) => kind switch
    {
        "Plenary" => SpaceTexts.Plenary,
        "Workshop" => SpaceTexts.Workshop,
        "Matchmaking" => SpaceTexts.Matchmaking,
        _ => SpaceTexts.Session,
    };

    /// <summary>« jeudi 14 janvier 2027, de 9 h 30 à 12 h 00 (heure de Paris) ».</summary>
    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        $"{startsAt.InParis().ToString("dddd", French)} {FrenchDates.Long(startsAt)}, de {Time(startsAt)} à {Time(endsAt)} (heure de Paris)";

    private static string Time(DateTimeOffset instant) => instant.InParis().ToString("H' h 'mm", CultureInfo.InvariantCulture);
}

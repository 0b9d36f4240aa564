using Achats.Shared.Web;

namespace Achats.Cohorts.Cohorts;

/// <summary>A cohort's counts as a French sentence says them: « aucune séance », « 1 séance », « 12 séances ».</summary>
internal static class EditionCounts
{
    public static string Participants(int count) => Of(count, EditionTexts.ParticipantsNone, EditionTexts.ParticipantsOne, EditionTexts.ParticipantsMany);

    public static string Sessions(int count) => Of(count, EditionTexts.SessionsNone, EditionTexts.SessionsOne, EditionTexts.SessionsMany);

    public static string Sequences(int count) => Of(count, EditionTexts.SequencesNone, EditionTexts.SequencesOne, EditionTexts.SequencesMany);

    private static string Of(int count, string none, string one, string many) => count switch
    {
        0 => none,
        1 => one,
        _ => FrenchText.Say(many, FrenchNumbers.Format(count)),
    };
}

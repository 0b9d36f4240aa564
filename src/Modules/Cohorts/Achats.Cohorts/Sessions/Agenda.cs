using System.Globalization;
using System.Text;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Shared.Time;

namespace Achats.Cohorts.Sessions;

/// <summary>How the programme's pages and calendar files tell a session: its day, its times, its kind and modality, in French.</summary>
internal static class Agenda
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« jeudi 14 janvier 2021 », « lundi 1er mars 2021 ».</summary>
    public static string Day(DateOnly day) => day.ToString("dddd ", French) + FrenchDates.Long(day);

    /// <summary>« 09h30–12h00 », Paris time.</summary>
    public static string Times(SessionView session) => $"{session.StartsAt.InParis():HH'h'mm}–{session.EndsAt.InParis():HH'h'mm}";

    /// <summary>« jeudi 14 janvier 2021, 09h30–12h00 ».</summary>
    public static string When(SessionView session) => $"{Day(session.StartsAt.ParisDate())}, {Times(session)}";

    public static string Kind(SessionKind kind) => kind switch
    {
        SessionKind.Plenary => ProgrammeTexts.KindPlenary,
        SessionKind.Workshop => ProgrammeTexts.KindWorkshop,
        _ => ProgrammeTexts.KindMatchmaking,
    };

    public static string Modality(Modality modality) => modality switch
    {
        Sessions.Modality.Online => ProgrammeTexts.ModalityOnline,
        Sessions.Modality.InPerson => ProgrammeTexts.ModalityInPerson,
        _ => ProgrammeTexts.ModalityHybrid,
    };

    public static string Categories(IEnumerable<PurchaseCategory> categories) => string.Join(", ", categories.Select(PurchaseLabels.Of));

    /// <summary>The Monday of <paramref name="day"/>'s week.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The week to show first: the next session's, else the last session's, else the cohort's first.</summary>
    public static DateOnly DefaultWeek(CohortView cohort, DateTimeOffset now)
    {
        var held = cohort.Sequences.SelectMany(sequence => sequence.Sessions).Where(session => session.CancellationReason is null)
            .OrderBy(session => session.StartsAt).ToList();
        var shown = held.FirstOrDefault(session => session.EndsAt >= now) ?? held.LastOrDefault();
        return Monday(shown?.StartsAt.ParisDate() ?? cohort.StartsOn);
    }

    /// <summary>A name a file can carry anywhere: « Édition 2021 » becomes <c>edition-2021</c>.</summary>
    public static string FileName(string text)
    {
        var name = new StringBuilder();
        foreach (var character in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ascii = character switch { 'œ' or 'Œ' => "oe", 'æ' or 'Æ' => "ae", _ => char.IsAsciiLetterOrDigit(character) ? char.ToLowerInvariant(character).ToString() : "-" };
            if (ascii != "-" || (name.Length > 0 && name[^1] != '-'))
            {
                name.Append(ascii);
            }
        }

        var trimmed = name.ToString().Trim('-');
        return trimmed.Length == 0 ? "programme" : trimmed[..Math.Min(trimmed.Length, 60)].Trim('-');
    }
}

using System.Globalization;
using System.Text;

namespace Achats.Shared.Validation;

/// <summary>
/// Text as a search compares it: lowercase, without diacritics, so that "eloise" finds "Éloïse" and
/// "Œuvres" sorts beside "oeuvres". A read model keeps its folded copies (the staff list of enrolments, the catalogue's search columns),
/// and a search is folded the same way before it is compared.
/// </summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = new StringBuilder(text.Length);
        foreach (var character in text.Normalize(NormalizationForm.FormD))
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(character))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    break;
                default:
                    folded.Append(character switch
                    {
                        'œ' or 'Œ' => "oe",
                        'æ' or 'Æ' => "ae",
                        'ß' => "ss",
                        _ => char.ToLowerInvariant(character).ToString(),
                    });
                    break;
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a search, folded: an enrolment matches when its text holds every one.</summary>
    public static IReadOnlyList<string> Terms(string? search) =>
        Fold(search).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(MaxTerms).ToList();

    public const int MaxTerms = 8;
}

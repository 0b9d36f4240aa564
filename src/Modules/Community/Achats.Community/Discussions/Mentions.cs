using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Achats.Community.Spaces;
using Microsoft.AspNetCore.Components;

namespace Achats.Community.Discussions;

/// <summary>
/// « @Prénom Nom » of a current member in a post: recognised when it is posted (case and accents aside), and shown
/// highlighted once the text is rendered by <see cref="Shared.Web.SafeMarkdown"/> (only the rendered text between
/// tags is touched, and only to wrap the words already there).
/// </summary>
public static partial class Mentions
{
    /// <summary>The current members of <paramref name="space"/> that <paramref name="text"/> mentions, each once, in the space's order.</summary>
    public static IReadOnlyList<Guid> In(string text, CohortSpace space)
    {
        var folded = Fold(text);
        return space.Members.Where(member => member.IsCurrent && member.FirstName.Length > 0)
            .Where(member => Find(folded, Fold("@" + member.Name)).Any())
            .Select(member => member.EnrolmentId)
            .ToList();
    }

    /// <summary>The rendered post <paramref name="html"/> with the names of <paramref name="names"/> wrapped in a highlighted span.</summary>
    public static MarkupString Highlight(MarkupString html, IEnumerable<string> names)
    {
        var mentions = names.Where(name => name.Trim().Length > 0).Select(name => Fold("@" + Escape(name))).ToList();
        if (mentions.Count == 0)
        {
            return html;
        }

        var parts = Tags().Split(html.Value);
        for (var index = 0; index < parts.Length; index++)
        {
            if (!parts[index].StartsWith('<'))
            {
                parts[index] = Wrap(parts[index], mentions);
            }
        }

        return new MarkupString(string.Concat(parts));
    }

    private static string Wrap(string text, IReadOnlyList<string> mentions)
    {
        var folded = Fold(text);
        var spans = mentions.SelectMany(mention => Find(folded, mention).Select(start => (Start: start, mention.Length)))
            .OrderBy(span => span.Start).ThenByDescending(span => span.Length).ToList();
        var result = new StringBuilder();
        var at = 0;
        foreach (var (start, length) in spans.Where(span => span.Start >= 0))
        {
            if (start < at)
            {
                continue;
            }

            result.Append(text, at, start - at).Append("<span class=\"mention\">").Append(text, start, length).Append("</span>");
            at = start + length;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Where <paramref name="mention"/> starts in <paramref name="folded"/>, not followed by a letter or a digit (« @Camille Martinez » is not « @Camille Martin »).</summary>
    private static IEnumerable<int> Find(string folded, string mention)
    {
        for (var start = folded.IndexOf(mention, StringComparison.Ordinal); start >= 0; start = folded.IndexOf(mention, start + 1, StringComparison.Ordinal))
        {
            var end = start + mention.Length;
            if (end == folded.Length || !char.IsLetterOrDigit(folded[end]))
            {
                yield return start;
            }
        }
    }

    /// <summary>One character for one, lowercase and without its accent, so that positions in the folded text are those of the text.</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (char.IsSurrogate(character))
            {
                folded.Append(character);
                continue;
            }

            var decomposed = character.ToString().Normalize(NormalizationForm.FormD);
            var letter = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : character;
            folded.Append(char.ToLowerInvariant(letter));
        }

        return folded.ToString();
    }

    /// <summary>A name as Markdig's renderer writes text: only these four characters are escaped.</summary>
    private static string Escape(string name) =>
        name.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex("(<[^>]*>)")]
    private static partial Regex Tags();
}

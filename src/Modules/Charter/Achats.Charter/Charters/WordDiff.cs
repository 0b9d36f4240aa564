using System.Text.RegularExpressions;

namespace Achats.Charter.Charters;

public enum DiffKind { Same, Removed, Added }

/// <summary>A run of words that both texts share, that only the older one has, or that only the newer one has.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// The words that changed between two texts, found by the longest common subsequence of their words. Line breaks
/// count as words, so a paragraph split is shown; other spacing does not.
/// </summary>
internal static partial class WordDiff
{
    /// <summary>
    /// Beyond this many cells the table would not fit a request's memory (a 50,000-character charter is some 8,000
    /// words): the changed middle is then shown as removed, then added, whole.
    /// </summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffPiece> Between(string older, string newer)
    {
        var a = Words(older);
        var b = Words(newer);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var pieces = new List<(DiffKind Kind, string Word)>();
        pieces.AddRange(a[..prefix].Select(word => (DiffKind.Same, word)));
        pieces.AddRange(Middle(a[prefix..^suffix], b[prefix..^suffix]));
        pieces.AddRange(a[^suffix..].Select(word => (DiffKind.Same, word)));
        return Joined(pieces);
    }

    private static IEnumerable<(DiffKind, string)> Middle(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > MaxCells)
        {
            return [.. a.Select(word => (DiffKind.Removed, word)), .. b.Select(word => (DiffKind.Added, word))];
        }

        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var pieces = new List<(DiffKind, string)>();
        var (x, y) = (0, 0);
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                pieces.Add((DiffKind.Same, a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                // Of two ways as long, the removal first: « ancien nouveau » reads in order.
                pieces.Add((DiffKind.Removed, a[x++]));
            }
            else
            {
                pieces.Add((DiffKind.Added, b[y++]));
            }
        }

        return pieces;
    }

    /// <summary>Consecutive words of one kind become one piece, separated by a space (or the line break they were).</summary>
    private static List<DiffPiece> Joined(List<(DiffKind Kind, string Word)> words)
    {
        var pieces = new List<DiffPiece>();
        foreach (var (kind, word) in words)
        {
            if (pieces.Count > 0 && pieces[^1].Kind == kind)
            {
                var text = pieces[^1].Text;
                pieces[^1] = new DiffPiece(kind, text.EndsWith('\n') || word == "\n" ? text + word : text + " " + word);
            }
            else
            {
                pieces.Add(new DiffPiece(kind, word));
            }
        }

        return pieces;
    }

    private static string[] Words(string text) =>
        LinesAndWords().Matches(text.ReplaceLineEndings("\n")).Select(match => match.Value).ToArray();

    [GeneratedRegex(@"[^\s]+|\n")]
    private static partial Regex LinesAndWords();
}

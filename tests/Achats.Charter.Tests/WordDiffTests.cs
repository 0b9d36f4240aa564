using Achats.Charter.Charters;
using Shouldly;
using Xunit;

namespace Achats.Charter.Tests;

/// <summary>The word-level difference between two versions of a charter, as staff read it.</summary>
public sealed class WordDiffTests
{
    [Fact]
    public void The_same_text_is_one_unchanged_piece()
    {
        WordDiff.Between("Participer aux séances.", "Participer aux séances.")
            .ShouldBe([new DiffPiece(DiffKind.Same, "Participer aux séances.")]);
    }

    [Fact]
    public void A_word_replaced_is_shown_removed_then_added_between_the_words_kept()
    {
        WordDiff.Between("Participer aux séances plénières.", "Participer aux séances hybrides.")
            .ShouldBe([
                new DiffPiece(DiffKind.Same, "Participer aux séances"),
                new DiffPiece(DiffKind.Removed, "plénières."),
                new DiffPiece(DiffKind.Added, "hybrides."),
            ]);
    }

    [Fact]
    public void Words_inserted_in_the_middle_are_added_and_the_rest_is_kept()
    {
        WordDiff.Between("Intégrer des critères à mes achats.", "Intégrer des critères circulaires et solidaires à mes achats.")
            .ShouldBe([
                new DiffPiece(DiffKind.Same, "Intégrer des critères"),
                new DiffPiece(DiffKind.Added, "circulaires et solidaires"),
                new DiffPiece(DiffKind.Same, "à mes achats."),
            ]);
    }

    [Fact]
    public void Words_moved_are_found_by_the_longest_common_subsequence()
    {
        var pieces = WordDiff.Between("a b c d e", "a c d b e");

        pieces.Where(piece => piece.Kind == DiffKind.Same).Sum(piece => piece.Text.Split(' ').Length).ShouldBe(4);
        string.Join(" ", pieces.Where(piece => piece.Kind != DiffKind.Added).Select(piece => piece.Text)).ShouldBe("a b c d e");
        string.Join(" ", pieces.Where(piece => piece.Kind != DiffKind.Removed).Select(piece => piece.Text)).ShouldBe("a c d b e");
    }

    [Fact]
    public void Spacing_does_not_count_but_line_breaks_do()
    {
        WordDiff.Between("Un  texte\r\nsur deux lignes", "Un texte\nsur deux lignes").ShouldBe([new DiffPiece(DiffKind.Same, "Un texte\nsur deux lignes")]);
        WordDiff.Between("Un texte sur une ligne", "Un texte\nsur une ligne")
            .ShouldBe([new DiffPiece(DiffKind.Same, "Un texte"), new DiffPiece(DiffKind.Added, "\n"), new DiffPiece(DiffKind.Same, "sur une ligne")]);
    }

    [Fact]
    public void From_or_to_nothing_everything_is_added_or_removed()
    {
        WordDiff.Between("", "Nouvelle charte").ShouldBe([new DiffPiece(DiffKind.Added, "Nouvelle charte")]);
        WordDiff.Between("Ancienne charte", "").ShouldBe([new DiffPiece(DiffKind.Removed, "Ancienne charte")]);
        WordDiff.Between("", "").ShouldBeEmpty();
    }

    [Fact]
    public void Two_very_long_texts_changed_throughout_are_shown_removed_then_added_without_a_huge_table()
    {
        var older = string.Join(" ", Enumerable.Range(0, 5_000).Select(index => $"ancien{index}"));
        var newer = string.Join(" ", Enumerable.Range(0, 5_000).Select(index => $"nouveau{index}"));

        var pieces = WordDiff.Between($"Début {older} fin", $"Début {newer} fin");

        pieces.Select(piece => piece.Kind).ShouldBe([DiffKind.Same, DiffKind.Removed, DiffKind.Added, DiffKind.Same]);
    }
}

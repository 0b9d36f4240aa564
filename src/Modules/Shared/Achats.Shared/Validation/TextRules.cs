using FluentValidation;

namespace Achats.Shared.Validation;

/// <summary>
/// Text PostgreSQL's JSON can hold: a NUL or another control character (tabs and line breaks aside) is refused as a
/// field error, before anything reaches Marten, instead of failing the write.
/// </summary>
public static class TextRules
{
    public const string InvisibleCharacter = "Ce texte contient un caractère invisible non autorisé (caractère nul ou de contrôle) : retirez-le.";

    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsStorable).WithMessage(InvisibleCharacter);

    public static bool IsStorable(string? text) => text is null || !text.Any(character => char.IsControl(character) && !char.IsWhiteSpace(character));
}

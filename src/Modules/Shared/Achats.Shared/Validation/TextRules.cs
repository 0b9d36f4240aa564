using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;

namespace Achats.Shared.Validation;

/// <summary>
/// Text PostgreSQL's JSON can hold: a NUL or another control character (tabs and line breaks aside) is refused as a
/// field error, before anything reaches Marten, instead of failing the write. <see cref="FluentValidationPolicy"/>
/// applies it to every string of every message, whatever sent it.
/// </summary>
public static class TextRules
{
    public const string InvisibleCharacter = "Ce texte contient un caractère invisible non autorisé (caractère nul ou de contrôle) : retirez-le.";

    // Deep enough for any message of ours (a command, its lines, their fields); a cycle cannot loop.
    private const int MaximumDepth = 8;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Readable = new();

    public static bool IsStorable(string? text) => text is null || !text.Any(character => char.IsControl(character) && !char.IsWhiteSpace(character));

    /// <summary>A field error for each string of <paramref name="message"/> (nested records and collections included) that could not be stored.</summary>
    public static IEnumerable<ValidationFailure> UnstorableText(object message) => Walk(message, "", 0);

    private static IEnumerable<ValidationFailure> Walk(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                if (!IsStorable(text))
                {
                    // The value is not echoed: it is what the person typed (ADR 0010).
                    yield return new ValidationFailure(path, InvisibleCharacter);
                }

                yield break;
        }

        var type = value.GetType();
        if (depth >= MaximumDepth || IsScalar(type))
        {
            yield break;
        }

        if (value is IEnumerable items)
        {
            if (type.IsArray && IsScalar(type.GetElementType()!))
            {
                yield break;
            }

            var index = 0;
            foreach (var item in items)
            {
                foreach (var failure in Walk(item, $"{path}[{index}]", depth + 1))
                {
                    yield return failure;
                }

                index++;
            }

            yield break;
        }

        foreach (var property in Readable.GetOrAdd(type, PropertiesToRead))
        {
            foreach (var failure in Walk(property.GetValue(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1))
            {
                yield return failure;
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan);

    // Only our own records carry what people type; framework objects a message may hold (a principal) are not walked.
    private static PropertyInfo[] PropertiesToRead(Type type) =>
        type.Namespace?.StartsWith("Achats", StringComparison.Ordinal) == true || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanRead && property.GetIndexParameters().Length == 0)]
            : [];
}

using System.Reflection;
using Achats.Shared.Privacy;

namespace Achats.Audit.Chain;

/// <summary>
/// The paths of the <see cref="PersonalDataAttribute">personal</see> text fields of each event type, as they are
/// stored (PascalCase, dots between nested values): <c>Participant.Email</c>. Read from the event types themselves,
/// so a field is declared once, where it is written.
/// </summary>
internal static class PersonalFields
{
    private const int MaxDepth = 4;

    public static IReadOnlyList<string> Of(Type eventType) => Paths(eventType, "", 0).ToList();

    private static IEnumerable<string> Paths(Type type, string prefix, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        var parameters = type.GetConstructors().SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.GetCustomAttribute<PersonalDataAttribute>() is not null)
            .Select(parameter => parameter.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(property => property.MetadataToken))
        {
            var path = prefix + property.Name;
            if (property.GetCustomAttribute<PersonalDataAttribute>() is not null || parameters.Contains(property.Name))
            {
                yield return path;
            }
            else if (IsValueWithFields(property.PropertyType))
            {
                foreach (var nested in Paths(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, path + ".", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>A record or class of the application's own (not a string, a collection, a primitive or a framework type).</summary>
    private static bool IsValueWithFields(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.Namespace?.StartsWith("Achats.", StringComparison.Ordinal) == true && !type.IsEnum
            && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Achats.Audit.Replay;

/// <summary>One field that differs: its dotted path, and its value as stored and as replayed (« (rien) » when absent).</summary>
public sealed record FieldDifference(string Field, string Stored, string Replayed);

/// <summary>Two JSON trees compared field by field: objects by member, arrays item by item when they have the same length.</summary>
internal static class JsonDifferences
{
    public const string Nothing = "(rien)";

    public static IReadOnlyList<FieldDifference> Between(JsonNode? stored, JsonNode? replayed)
    {
        var found = new List<FieldDifference>();
        Walk(stored, replayed, "", found);
        return found;
    }

    /// <summary>Whether two JSON texts hold the same tree (members in any order, as jsonb keeps them).</summary>
    public static bool Same(string stored, string replayed)
    {
        using var storedDocument = JsonDocument.Parse(stored);
        using var replayedDocument = JsonDocument.Parse(replayed);
        return JsonElement.DeepEquals(storedDocument.RootElement, replayedDocument.RootElement);
    }

    /// <summary>The value at a dotted path, as text, or null.</summary>
    public static string? At(JsonNode? node, string path)
    {
        foreach (var member in path.Split('.'))
        {
            node = node is JsonObject json ? json[member] : null;
        }

        return node is null ? null : Show(node);
    }

    private static void Walk(JsonNode? stored, JsonNode? replayed, string path, List<FieldDifference> found)
    {
        if (JsonNode.DeepEquals(stored, replayed))
        {
            return;
        }

        if (stored is JsonObject storedObject && replayed is JsonObject replayedObject)
        {
            foreach (var member in storedObject.Select(pair => pair.Key).Union(replayedObject.Select(pair => pair.Key), StringComparer.Ordinal))
            {
                Walk(storedObject[member], replayedObject[member], path.Length == 0 ? member : $"{path}.{member}", found);
            }

            return;
        }

        if (stored is JsonArray storedArray && replayed is JsonArray replayedArray && storedArray.Count == replayedArray.Count)
        {
            for (var index = 0; index < storedArray.Count; index++)
            {
                Walk(storedArray[index], replayedArray[index], $"{path}[{index}]", found);
            }

            return;
        }

        found.Add(new FieldDifference(path.Length == 0 ? "document" : path, Show(stored), Show(replayed)));
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => Nothing,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}

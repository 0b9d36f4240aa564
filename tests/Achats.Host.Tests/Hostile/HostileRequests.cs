using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Achats.Testing;

namespace Achats.Host.Tests.Hostile;

/// <summary>
/// Builds, from an operation's OpenAPI description, a plausible request (real ids, values of the right type and
/// format) and then many hostile variants of it: each changes one thing (a path id, a query value, one field of the
/// body, the body as a whole, its content type). Which field is changed, and to what, is drawn from a seeded
/// <see cref="Random"/>, so one seed always gives the same requests.
/// </summary>
public sealed partial class HostileRequests(ApiDocument document, HostileApp app, Random random)
{
    // Stand-ins for raw bytes that a JsonNode cannot hold; replaced in the serialized body.
    private const string DeepMarker = "QQDEEPQQ";
    private const string SurrogateMarker = "QQSURROGATEQQ";
    private const string InvalidUtf8Marker = "QQINVALIDUTF8QQ";

    private static readonly string Huge = new('a', 300_000);
    private static readonly string DeepNesting = new string('[', 5_000) + new string(']', 5_000);

    private static readonly string[] HostilePathValues =
    [
        Guid.Empty.ToString(), "00000000000000000000000000000000", "pas-un-guid", "%00", "%C3%28", "%ZZ", "-1", "0",
        new('9', 2_000), "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", Guid.NewGuid().ToString("B"),
    ];

    private static readonly string[] HostileQueryValues =
    [
        "%00", "a%00b", "%C3%28", "%FF%FE", "%ZZ", "-1", "0", "99999999999999999999", "1e400", "abc", "true", "",
        "2026-13-45", "0001-01-01", "9999-12-31T23:59:59Z", "2026-12-02T10:00:00%2B01:00", "2026-12-02T10:00:00-05:00",
        "Inconnu", "%20", new('x', 5_000), Guid.Empty.ToString(), "%E2%80%AE",
    ];

    private static readonly Func<JsonNode?>[] WrongValues =
    [
        () => 12345, () => -1, () => 1.5, () => "texte", () => true, () => new JsonArray(), () => new JsonObject(), () => null,
        () => "", () => "   ", () => 1e300, () => long.MaxValue, () => "0001-01-01", () => "2026-02-30", () => Guid.Empty.ToString(),
    ];

    private static readonly string[] HostileStrings =
    [
        "ab\u0000cd", "\u0000", "\u0001\u001f\u007f", "\u202eevil", "\uffff\ufffe", "💥🧨",
        "<script>alert(1)</script>", "'; drop table mt_events; --", "%00", "\r\n\r\nX-Injected: 1", "../../../../etc/passwd",
    ];

    private static readonly (string Case, string? ContentType, string Body)[] HostileBodies =
    [
        ("empty body", MediaTypes.Json, ""),
        ("null body", MediaTypes.Json, "null"),
        ("array body", MediaTypes.Json, "[]"),
        ("string body", MediaTypes.Json, "\"texte\""),
        ("number body", MediaTypes.Json, "0"),
        ("truncated JSON", MediaTypes.Json, "{\"a\":"),
        ("not JSON", MediaTypes.Json, "ceci n'est pas du JSON"),
        ("deep nesting", MediaTypes.Json, DeepNesting),
        ("deep object nesting", MediaTypes.Json, string.Concat(Enumerable.Repeat("{\"a\":", 3_000)) + "1" + new string('}', 3_000)),
        ("comments and trailing comma", MediaTypes.Json, "{/* c */ \"a\": 1,}"),
        ("form instead of JSON", MediaTypes.Form, "a=%00&b=%C3%28"),
        ("XML", "application/xml", "<a>\0</a>"),
        ("multipart without boundary", "multipart/form-data", "--x\r\n\r\n"),
        ("no content type", null, "{}"),
        ("bogus content type", "application/json; charset=klingon", "{}"),
        ("garbage content type", "\u00e9/\u00e9", "{}"),
    ];

    public IEnumerable<HostileRequest> For(ApiOperation operation)
    {
        var body = operation.Body is null ? null : Valid(operation.Body, "body", 0);
        yield return Build("plausible", operation, null, null, JsonBody(body));

        foreach (var parameter in operation.Parameters.Where(parameter => parameter.In == "path"))
        {
            foreach (var value in HostilePathValues)
            {
                yield return Build($"path {parameter.Name}={Short(value)}", operation, (parameter.Name, value), null, JsonBody(body));
            }
        }

        foreach (var parameter in operation.Parameters.Where(parameter => parameter.In == "query"))
        {
            foreach (var value in HostileQueryValues.Concat(EnumNames(parameter.Schema).Select(_ => "0")))
            {
                yield return Build($"query {parameter.Name}={Short(value)}", operation, null, $"{parameter.Name}={value}", JsonBody(body));
            }

            yield return Build($"query {parameter.Name} twice", operation, null, $"{parameter.Name}=1&{parameter.Name}=%00", JsonBody(body));
        }

        yield return Build("unknown query parameter", operation, null, "zz=%00&zz=%C3%28", JsonBody(body));

        if (operation.Body is null)
        {
            yield return Build("unexpected body", operation, null, null, (MediaTypes.Json, Encoding.UTF8.GetBytes("{\"a\":\"\\u0000\"}")));
            yield break;
        }

        foreach (var (name, contentType, raw) in HostileBodies)
        {
            yield return Build(name, operation, null, null, (contentType, Encoding.UTF8.GetBytes(raw)));
        }

        yield return Build("invalid UTF-8 body", operation, null, null, (MediaTypes.Json, [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
        yield return Build("empty object", operation, null, null, JsonBody(new JsonObject()));
        yield return Build("plausible as text/plain", operation, null, null, ("text/plain", JsonBody(body).Body));

        // Each field-level change below is made on a fresh copy of the plausible body.
        for (var i = 0; i < 6; i++)
        {
            var text = HostileStrings[random.Next(HostileStrings.Length)];
            if (Mutate(body, Leaves(body, leaf => leaf.Kind == "string"), _ => text) is { } changed)
            {
                yield return Build($"string {Short(text)}", operation, null, null, JsonBody(changed.Body, changed.Where));
            }
        }

        foreach (var (name, value) in new (string, Func<JsonNode?>)[]
        {
            ("NUL in a string", () => "ab\u0000cd"),
            ("huge string", () => Huge),
            ("deep nesting in a field", () => DeepMarker),
            ("lone surrogate in a string", () => $"ab{SurrogateMarker}cd"),
            ("invalid UTF-8 in a string", () => $"ab{InvalidUtf8Marker}cd"),
        })
        {
            if (Mutate(body, Leaves(body, leaf => leaf.Kind == "string"), _ => value()) is { } changed)
            {
                yield return Build(name, operation, null, null, JsonBody(changed.Body, changed.Where));
            }
        }

        for (var i = 0; i < 6; i++)
        {
            var wrong = WrongValues[random.Next(WrongValues.Length)];
            if (Mutate(body, Leaves(body, _ => true), _ => wrong()) is { } changed)
            {
                yield return Build($"wrong type {Short(changed.Body.ToJsonString())}", operation, null, null, JsonBody(changed.Body, changed.Where));
            }
        }

        foreach (var value in new Func<JsonNode?>[] { () => 0, () => 42, () => "0", () => "Inconnu", () => "", () => "pRiVaTeBuYeR" })
        {
            if (Mutate(body, Leaves(body, leaf => leaf.Kind == "enum"), _ => value()) is { } changed)
            {
                yield return Build($"enum {changed.Where}={Short(value()?.ToJsonString() ?? "null")}", operation, null, null, JsonBody(changed.Body, changed.Where));
            }
        }

        for (var i = 0; i < 3; i++)
        {
            if (Remove(body) is { } changed)
            {
                yield return Build($"missing {changed.Where}", operation, null, null, JsonBody(changed.Body, changed.Where));
            }
        }

        if (Mutate(body, Leaves(body, leaf => leaf.Kind == "array"), node => new JsonArray([.. Enumerable.Range(0, 20_000).Select(_ => node?.AsArray().FirstOrDefault()?.DeepClone())])) is { } big)
        {
            yield return Build($"20,000 items in {big.Where}", operation, null, null, JsonBody(big.Body, big.Where));
        }

        if (body is JsonObject root && root.Count > 0)
        {
            var first = root.First();
            var rest = body.ToJsonString()[1..];
            yield return Build($"duplicate key {first.Key}", operation, null, null,
                (MediaTypes.Json, Encoding.UTF8.GetBytes($"{{\"{first.Key}\":{WrongValues[random.Next(WrongValues.Length)]()?.ToJsonString() ?? "null"},{rest}")));
            yield return Build("all fields null", operation, null, null,
                JsonBody(new JsonObject(root.Select(property => KeyValuePair.Create(property.Key, (JsonNode?)null)))));
        }
    }

    /// <summary>A value of the schema's type and format; ids the fixture knows are real ones.</summary>
    private JsonNode? Valid(JsonNode schema, string name, int depth)
    {
        schema = document.Resolve(schema);
        if (EnumNames(schema).FirstOrDefault() is { } first)
        {
            return first;
        }

        // A nullable reference is written "oneOf: [null, $ref]": the plausible value is the referenced one.
        if ((schema["oneOf"] ?? schema["anyOf"])?.AsArray().OfType<JsonNode>().Select(document.Resolve)
            .FirstOrDefault(option => (string?)option["type"] is not "null") is { } option)
        {
            return Valid(option, name, depth);
        }

        if (name.Equals("role", StringComparison.OrdinalIgnoreCase))
        {
            return Achats.Shared.Access.StaffRole.ProgrammeStaff;
        }

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        return TypeOf(schema) switch
        {
            "object" when depth < 8 => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(property => KeyValuePair.Create(property.Key, Valid(property.Value!, property.Key, depth + 1)))),
            "object" => new JsonObject(),
            "array" when depth < 8 && schema["items"] is { } items => new JsonArray(Valid(items, name, depth + 1)),
            "array" => new JsonArray(),
            "integer" => 1,
            "number" => 1,
            "boolean" => name.Contains("consent", StringComparison.OrdinalIgnoreCase),
            "string" => (string?)schema["format"] switch
            {
                "uuid" => (app.KnownId(name) ?? Guid.CreateVersion7()).ToString(),
                "date" => today.AddDays(PlausibleDay(name)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "date-time" => app.Clock.GetUtcNow().AddDays(30).ToString("O", CultureInfo.InvariantCulture),
                "email" => $"fuzz.{Guid.CreateVersion7():N}@achats.test",
                _ => name.ToLowerInvariant() switch
                {
                    "siren" => Sirens.Next(),
                    "url" => "https://www.linkedin.com/groups/1234567/",
                    "email" => $"fuzz.{Guid.CreateVersion7():N}@achats.test",
                    var text when text.Contains("insee", StringComparison.Ordinal) => "93048",
                    var text when text.Contains("phone", StringComparison.Ordinal) => "01 23 45 67 89",
                    _ => "Texte d'essai",
                },
            },
            _ => "Texte d'essai",
        };
    }

    /// <summary>Days from today for a date field, in the order a cohort's dates go: registration opens, closes, the cohort starts, ends.</summary>
    private static int PlausibleDay(string name) => name.ToLowerInvariant() switch
    {
        var date when date.Contains("opens", StringComparison.Ordinal) => -1,
        var date when date.Contains("closes", StringComparison.Ordinal) => 30,
        var date when date.Contains("starts", StringComparison.Ordinal) => 40,
        var date when date.Contains("ends", StringComparison.Ordinal) => 400,
        _ => 45,
    };

    private static string? TypeOf(JsonNode schema)
    {
        string[] types = schema["type"] switch
        {
            JsonArray array => [.. array.Select(type => (string)type!)],
            JsonValue value => [(string)value!],
            _ => [.. (schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"])?.AsArray().Select(option => option?["type"] is JsonValue type ? (string)type! : "object") ?? []],
        };
        return new[] { "object", "array", "integer", "number", "boolean", "string" }.FirstOrDefault(types.Contains)
            ?? (schema["properties"] is not null ? "object" : null);
    }

    private IEnumerable<string> EnumNames(JsonNode schema)
    {
        schema = document.Resolve(schema);
        var options = schema["enum"]?.AsArray() ?? (schema["oneOf"] ?? schema["anyOf"])?.AsArray()
            .Select(option => option is null ? null : document.Resolve(option)["enum"]).OfType<JsonArray>().FirstOrDefault();
        return options?.OfType<JsonValue>().Select(value => value.ToString()).Where(value => value.Length > 0) ?? [];
    }

    private sealed record Leaf(JsonNode? Parent, string Key, int Index, string Kind);

    /// <summary>Every value of the body (objects and arrays included) with where it sits, filtered by kind.</summary>
    private static List<Leaf> Leaves(JsonNode? body, Func<Leaf, bool> keep)
    {
        List<Leaf> leaves = [];
        Walk(body, null, "", -1);
        return [.. leaves.Where(keep)];

        void Walk(JsonNode? node, JsonNode? parent, string key, int index)
        {
            var kind = node switch
            {
                JsonObject => "object",
                JsonArray => "array",
                JsonValue value when value.TryGetValue<string>(out var text) && EnumLike().IsMatch(text) && text != "Texte d'essai" => "enum",
                JsonValue value when value.TryGetValue<string>(out _) => "string",
                _ => "value",
            };
            if (parent is not null)
            {
                leaves.Add(new Leaf(parent, key, index, kind));
                if (kind == "enum")
                {
                    leaves.Add(new Leaf(parent, key, index, "string"));
                }
            }

            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        Walk(child, obj, name, -1);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], array, key, i);
                    }

                    break;
            }
        }
    }

    /// <summary>A copy of the body with one leaf, drawn at random among <paramref name="candidates"/>, replaced.</summary>
    private (JsonNode Body, string Where)? Mutate(JsonNode? body, List<Leaf> candidates, Func<JsonNode?, JsonNode?> replacement)
    {
        if (body is null || candidates.Count == 0)
        {
            return null;
        }

        var index = Leaves(body, _ => true).IndexOf(candidates[random.Next(candidates.Count)]);
        var copy = body.DeepClone();
        var target = Leaves(copy, _ => true)[index];
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.Key] = replacement(obj[target.Key]?.DeepClone());
                break;
            case JsonArray array:
                array[target.Index] = replacement(array[target.Index]?.DeepClone());
                break;
        }

        return (copy, target.Index >= 0 ? $"{target.Key}[{target.Index}]" : target.Key);
    }

    /// <summary>A copy of the body without one of its properties, drawn at random.</summary>
    private (JsonNode Body, string Where)? Remove(JsonNode? body)
    {
        var properties = Leaves(body, leaf => leaf.Parent is JsonObject);
        if (body is null || properties.Count == 0)
        {
            return null;
        }

        var index = Leaves(body, _ => true).IndexOf(properties[random.Next(properties.Count)]);
        var copy = body.DeepClone();
        var target = Leaves(copy, _ => true)[index];
        ((JsonObject)target.Parent!).Remove(target.Key);
        return (copy, target.Key);
    }

    private static (string? ContentType, byte[] Body) JsonBody(JsonNode? body, string? where = null)
    {
        var text = body?.ToJsonString() ?? "null";
        text = text.Replace($"\"{DeepMarker}\"", DeepNesting, StringComparison.Ordinal)
            .Replace(SurrogateMarker, "\\ud800", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        if (at >= 0)
        {
            bytes = [.. bytes[..at], 0xC3, 0x28, 0xFF, .. bytes[(at + marker.Length)..]];
        }

        _ = where;
        return (MediaTypes.Json, bytes);
    }

    private HostileRequest Build(
        string name, ApiOperation operation, (string Name, string Value)? hostilePath, string? hostileQuery, (string? ContentType, byte[] Body) body)
    {
        var path = RouteParameter().Replace(operation.Route, match =>
        {
            var parameter = match.Groups["name"].Value;
            return hostilePath is { } hostile && hostile.Name == parameter ? hostile.Value : PlausibleRouteValue(parameter);
        });
        var query = string.Join('&', operation.Parameters
            .Where(parameter => parameter.In == "query" && parameter.Required)
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(Valid(parameter.Schema, parameter.Name, 0)?.ToString() ?? "")}")
            .Append(hostileQuery)
            .OfType<string>());
        var hasBody = operation.Body is not null || name == "unexpected body";
        return new HostileRequest(
            name, operation.Method, query.Length == 0 ? path : $"{path}?{query}", hasBody ? body.ContentType : null, hasBody ? body.Body : null);
    }

    private string PlausibleRouteValue(string name) => app.KnownId(name)?.ToString() ?? name.ToLowerInvariant() switch
    {
        "siren" => Sirens.Next(),
        "format" => "csv",
        "documentname" => "v1",
        var id when id.EndsWith("id", StringComparison.Ordinal) => Guid.CreateVersion7().ToString(),
        _ => "valeur",
    };

    private static string Short(string text) =>
        Regex.Replace(text.Length <= 24 ? text : text[..24] + "…", @"\p{C}", match => $"\\u{(int)match.Value[0]:X4}");

    [GeneratedRegex(@"\{(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^[A-Z][A-Za-z]+$")]
    private static partial Regex EnumLike();
}

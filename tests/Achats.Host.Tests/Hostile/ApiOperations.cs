using System.Text.Json.Nodes;

namespace Achats.Host.Tests.Hostile;

/// <summary>One operation of an OpenAPI document the Host serves: its route, parameters and JSON body schema.</summary>
public sealed record ApiOperation(
    string Document, string Method, string Route, IReadOnlyList<ApiParameter> Parameters, JsonNode? Body, bool BodyRequired)
{
    public override string ToString() => $"{Method} {Route}";
}

public sealed record ApiParameter(string Name, string In, JsonNode Schema, bool Required);

/// <summary>Reads the operations out of an OpenAPI 3.x document and resolves its schema references.</summary>
public sealed class ApiDocument(string name, JsonNode document)
{
    public string Name { get; } = name;

    public IEnumerable<ApiOperation> Operations()
    {
        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray() ?? [];
            foreach (var (method, operation) in item.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = shared.Concat(operation!["parameters"]?.AsArray() ?? [])
                    .Select(parameter => Resolve(parameter!))
                    .Select(parameter => new ApiParameter(
                        (string)parameter["name"]!, (string)parameter["in"]!, Resolve(parameter["schema"] ?? new JsonObject()),
                        parameter["required"]?.GetValue<bool>() == true))
                    .ToList();
                var body = operation["requestBody"] is { } requestBody ? Resolve(requestBody) : null;
                var schema = body?["content"]?["application/json"]?["schema"];
                yield return new ApiOperation(
                    Name, method.ToUpperInvariant(), route, parameters, schema is null ? null : Resolve(schema),
                    body?["required"]?.GetValue<bool>() == true);
            }
        }
    }

    /// <summary>Follows <c>$ref</c> until a schema (or parameter) itself; bounded, as a document may be circular.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        for (var depth = 0; depth < 20 && node["$ref"] is { } reference; depth++)
        {
            var target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
            {
                target = target![part];
            }

            node = target ?? throw new InvalidOperationException($"Unresolved reference {reference}.");
        }

        return node;
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests;

/// <summary>Reads the app's answers into typed records, with the app's JSON: web defaults (camelCase), enums as strings.</summary>
public static class Answers
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Checks the status (the body is the message when it differs), then reads the body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(expected, body);
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException($"The answer is empty: {body}");
    }
}

/// <summary>An RFC 7807 answer: its stable type, and the field errors of a 400.</summary>
public sealed record Problem(string Type, string? Title, int? Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>The first message for <paramref name="field"/>.</summary>
    public string Error(string field) => (Errors ?? throw new ShouldAssertException($"No field errors in {Type}."))[field][0];
}


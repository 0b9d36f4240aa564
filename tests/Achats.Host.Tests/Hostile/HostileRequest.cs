using System.Net.Http.Headers;
using System.Text;

namespace Achats.Host.Tests.Hostile;

/// <summary>One request of the hostile suite, kept as bytes so that what was sent can be told and sent again.</summary>
public sealed record HostileRequest(string Case, string Method, string PathAndQuery, string? ContentType, byte[]? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = null;
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>The request as a reader can replay it: method, URL, content type and the body, truncated and escaped.</summary>
    public string Describe(int maxBody = 300)
    {
        var text = new StringBuilder($"[{Case}] {Method} {Truncate(PathAndQuery, 300)}");
        if (Body is not null)
        {
            text.Append($" ({ContentType ?? "no content type"}, {Body.Length} bytes) ");
            foreach (var b in Body.Take(maxBody))
            {
                text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
            }

            if (Body.Length > maxBody)
            {
                text.Append('…');
            }
        }

        return text.ToString();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    public static bool IsJson(MediaTypeHeaderValue? type) => type?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
}

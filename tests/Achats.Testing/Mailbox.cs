using System.Text.RegularExpressions;
using MimeKit;

namespace Achats.Testing;

/// <summary>An email the Host wrote to its folder, as a participant's mail reader shows it.</summary>
public sealed record ReceivedEmail(string To, string Subject, string Text, string? Html, IReadOnlyList<Uri> Links, IReadOnlyList<ReceivedAttachment> Attachments)
{
    /// <summary>The one link whose path starts with <paramref name="pathPrefix"/>, as a path a test client requests.</summary>
    public string LinkTo(string pathPrefix) =>
        Links.Where(link => link.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(link => link.PathAndQuery).Distinct().SingleOrDefault()
        ?? throw new InvalidOperationException($"The email « {Subject} » holds no single link to {pathPrefix}: {string.Join(", ", Links)}.");
}

public sealed record ReceivedAttachment(string FileName, string MediaType, string Content);

/// <summary>Reads the .eml files of an email folder, oldest first.</summary>
public static partial class Mailbox
{
    public static async Task<IReadOnlyList<ReceivedEmail>> ReadAsync(string folder, string? to = null)
    {
        var emails = new List<ReceivedEmail>();
        if (!Directory.Exists(folder))
        {
            return emails;
        }

        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            var address = message.To.Mailboxes.Single().Address;
            if (to is null || string.Equals(address, to, StringComparison.OrdinalIgnoreCase))
            {
                emails.Add(Read(message, address));
            }
        }

        return emails;
    }

    private static ReceivedEmail Read(MimeMessage message, string address)
    {
        var text = message.TextBody ?? "";
        var html = message.HtmlBody;
        // The HTML's links are what a reader clicks; the text's addresses must be the same ones.
        var links = (html is null ? TextLink().Matches(text).Select(match => match.Value) : HtmlLink().Matches(html).Select(match => System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value)))
            .Distinct()
            .Select(link => new Uri(link))
            .ToList();
        var attachments = message.Attachments.OfType<MimePart>()
            .Select(part =>
            {
                using var content = new MemoryStream();
                part.Content!.DecodeTo(content);
                return new ReceivedAttachment(part.FileName ?? "", part.ContentType.MimeType, System.Text.Encoding.UTF8.GetString(content.ToArray()));
            })
            .ToList();
        return new ReceivedEmail(address, message.Subject ?? "", text, html, links, attachments);
    }

    [GeneratedRegex(@"href=""(?<url>[^""]+)""")]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex TextLink();
}

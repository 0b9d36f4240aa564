using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace Achats.Shared.Web;

/// <summary>
/// Markdown written by staff (a charter) or by the public (a solution's description) as a page shows it: raw HTML is
/// shown as text, never run; a link goes only to a web or mail address (a <c>javascript:</c> one stays as its words)
/// and is marked as the author's, not the programme's; an image is its description, nothing is loaded from elsewhere.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <param name="markdown">The text as written.</param>
    /// <param name="topHeading">The level its first-level headings take in the page (1 for a document of its own, 3 inside a page's section).</param>
    public static MarkupString ToHtml(string markdown, int topHeading = 1)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + topHeading - 1, 6);
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsWebOrMail(link.Url))
            {
                Unwrap(link);
            }
            else
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return new MarkupString(writer.ToString());
    }

    private static bool IsWebOrMail(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "https" or "http" or "mailto";

    /// <summary>The link's words stay in the text, without the link.</summary>
    private static void Unwrap(LinkInline link)
    {
        foreach (var child in link.ToList())
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }
}

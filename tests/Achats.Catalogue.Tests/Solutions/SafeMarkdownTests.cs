using Achats.Shared.Web;
using Shouldly;
using Xunit;

namespace Achats.Catalogue.Tests.Solutions;

/// <summary>A supplier's description is written by anyone on the internet: it is shown, never run.</summary>
public sealed class SafeMarkdownTests
{
    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = SafeMarkdown.ToHtml("Bonjour <script>alert('x')</script> <img src=x onerror=alert(1)>").Value;

        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public void A_link_goes_only_to_a_web_or_mail_address_and_is_marked_as_the_author_s()
    {
        var html = SafeMarkdown.ToHtml("[site](https://ateliers.example.org) [piège](javascript:alert(1)) [données](data:text/html,x)").Value;

        html.ShouldContain("<a href=\"https://ateliers.example.org\" rel=\"nofollow ugc noopener\">site</a>");
        html.ShouldNotContain("javascript:");
        html.ShouldNotContain("data:");
        html.ShouldContain("piège");
        html.ShouldContain("données");
    }

    [Fact]
    public void An_image_is_its_description_and_headings_sit_below_the_page_s_own()
    {
        var html = SafeMarkdown.ToHtml("# Nos ateliers\n\n![Un atelier](https://tracker.example.org/pixel.png)", topHeading: 3).Value;

        html.ShouldContain("<h3>Nos ateliers</h3>");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("tracker.example.org");
        html.ShouldContain("Un atelier");
    }
}

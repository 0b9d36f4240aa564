using Achats.Shared.Email;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Email;

/// <summary>One template file gives the plain text and the HTML of an email, in one layout that links the privacy notice.</summary>
public sealed class EmailTemplateTests
{
    private static readonly PublicSite Site = new("https://achats.example");
    private static readonly EmailTemplate Sample = EmailTemplate.Of(typeof(EmailTemplateTests).Assembly, "sample");

    private static Dictionary<string, object?> Values(bool membershipRequired = false) => new()
    {
        ["Reference"] = "ACH-2027-00042",
        ["FirstName"] = "Camille <b>",
        ["Message"] = "Précisez votre projet.\nMerci !",
        ["MembershipRequired"] = membershipRequired,
        ["PageUrl"] = "https://achats.example/mon-inscription?a=1&b=2",
        ["Sessions"] = new List<IReadOnlyDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["Title"] = "Lancement", ["Day"] = "jeudi 14 janvier 2027", ["Link"] = "https://visio.example/lancement" },
            new Dictionary<string, object?> { ["Title"] = "Atelier <réemploi>", ["Day"] = "jeudi 4 février 2027", ["Link"] = null },
        },
    };

    [Fact]
    public void The_subject_and_the_text_carry_the_values_and_the_links_in_full()
    {
        var email = Sample.Render("camille@ville.test", "Camille Durand", Site, Values());

        email.Subject.ShouldBe("Votre demande ACH-2027-00042");
        email.Text.ShouldContain("Bonjour Camille <b>,");
        email.Text.ShouldContain("Précisez votre projet.\nMerci !");
        email.Text.ShouldContain("Votre participation est gratuite.");
        email.Text.ShouldNotContain("adhérez");
        email.Text.ShouldContain("Voir mon inscription : https://achats.example/mon-inscription?a=1&b=2");
        email.Text.ShouldContain("Vos données personnelles et vos droits : https://achats.example/confidentialite");
    }

    [Fact]
    public void The_HTML_escapes_the_values_and_links_what_the_text_names()
    {
        var email = Sample.Render("camille@ville.test", "Camille Durand", Site, Values(membershipRequired: true));

        var html = email.Html.ShouldNotBeNull();
        html.ShouldContain("Bonjour Camille &lt;b&gt;,");
        html.ShouldContain("Précisez votre projet.<br>");
        html.ShouldContain("<a href=\"https://achats.example/mon-inscription?a=1&amp;b=2\"");
        html.ShouldContain("<li><a href=\"https://www.obsar.asso.fr/adherer\"");
        html.ShouldContain("href=\"https://achats.example/confidentialite\"");
        html.ShouldNotContain("{{");
        email.Text.ShouldContain("Pour participer gratuitement, adhérez à l'un des partenaires :");
        email.Text.ShouldNotContain("Votre participation est gratuite.");
    }

    [Fact]
    public void A_loop_writes_its_lines_once_per_item_with_the_items_values_escaped_and_conditions_decided_per_item()
    {
        var email = Sample.Render("camille@ville.test", "Camille Durand", Site, Values());

        email.Text.ShouldContain("Lancement, le jeudi 14 janvier 2027\nRejoindre : https://visio.example/lancement\n\nAtelier <réemploi>, le jeudi 4 février 2027\n\nVoir mon inscription");
        email.Html.ShouldNotBeNull().ShouldContain("Atelier &lt;réemploi&gt;, le jeudi 4 février 2027</p>");
        email.Html.ShouldContain("<a href=\"https://visio.example/lancement\"");
    }

    [Fact]
    public void A_value_the_template_names_but_the_caller_forgot_is_an_error_not_a_blank()
    {
        var values = Values();
        values.Remove("MembershipRequired");

        Should.Throw<InvalidOperationException>(() => Sample.Render("camille@ville.test", "Camille Durand", Site, values))
            .Message.ShouldContain("MembershipRequired");
    }
}

using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Time;
using Microsoft.Extensions.Configuration;

namespace Achats.Charter.Signatures;

/// <summary>How long a signing link lasts (<c>Charter:SigningLinkDays</c>, 14 by default) and where it points (<see cref="PublicSite"/>).</summary>
public sealed record SigningLinkSettings(PublicSite Site, int Days)
{
    public const string PagePath = "/charte";

    public static SigningLinkSettings From(IConfiguration configuration) =>
        new(PublicSite.From(configuration), configuration.GetValue("Charter:SigningLinkDays", 14));

    public string Url(string token) => Site.Url($"{PagePath}/{token}");
}

/// <summary>The rules of signing links, without I/O.</summary>
internal static class SigningLinks
{
    public static (string Token, SigningLinkIssued Issued) Issue(DateTimeOffset now, int days)
    {
        var (token, hash) = SigningToken.New();
        return (token, new SigningLinkIssued(Guid.CreateVersion7(), hash, now.AddDays(days)));
    }

    /// <summary>A new link voids the one before it, used or not.</summary>
    public static IReadOnlyList<object> Replace(SignatureFile file, SigningLinkIssued issued) =>
        file.ActiveLink is { } active ? [new SigningLinkVoided(active.LinkId, "Remplacé par un nouveau lien."), issued] : [issued];
}

/// <summary>What Charter writes to a participant: each email is a template in <c>Emails/</c>.</summary>
internal static class CharterEmails
{
    /// <summary>Validated while the cohort's charter is published: the link to sign it.</summary>
    public static SendEmail ValidatedSignCharter(Signer signer, SigningLinkSettings settings, string token, DateTimeOffset expiresAt) =>
        Render("validated-sign-charter", signer, settings, new() { ["SigningUrl"] = settings.Url(token), ["ExpiresAt"] = FrenchDates.LongAt(expiresAt) });

    /// <summary>Validated before the cohort's charter is published: the link will follow at publication.</summary>
    public static SendEmail ValidatedCharterToCome(Signer signer, SigningLinkSettings settings) =>
        Render("validated-charter-to-come", signer, settings, []);

    /// <summary>A version was published and the participant, not having signed yet, is sent their link to it.</summary>
    public static SendEmail CharterPublished(Signer signer, SigningLinkSettings settings, int versionNumber, bool replacesEarlierLink, string token, DateTimeOffset expiresAt) =>
        Render("charter-published-sign", signer, settings, new()
        {
            ["VersionNumber"] = versionNumber,
            ["ReplacesEarlierLink"] = replacesEarlierLink,
            ["SigningUrl"] = settings.Url(token),
            ["ExpiresAt"] = FrenchDates.LongAt(expiresAt),
        });

    /// <summary>Staff sent a new link; the earlier one no longer works.</summary>
    public static SendEmail NewSigningLink(Signer signer, SigningLinkSettings settings, string token, DateTimeOffset expiresAt) =>
        Render("new-signing-link", signer, settings, new() { ["SigningUrl"] = settings.Url(token), ["ExpiresAt"] = FrenchDates.LongAt(expiresAt) });

    /// <summary>A participant who signed an earlier version is asked to sign the new one by the deadline.</summary>
    public static SendEmail SignNewVersion(Signer signer, SigningLinkSettings settings, int versionNumber, string token, DateTimeOffset deadline) =>
        Render("sign-new-version", signer, settings, new()
        {
            ["VersionNumber"] = versionNumber,
            ["SigningUrl"] = settings.Url(token),
            ["Deadline"] = FrenchDates.Long(deadline),
        });

    private static SendEmail Render(string template, Signer signer, SigningLinkSettings settings, Dictionary<string, object?> values)
    {
        values["FirstName"] = signer.FirstName;
        return EmailTemplate.Of(typeof(CharterEmails).Assembly, template).Render(signer.Email, signer.Name, settings.Site, values);
    }
}

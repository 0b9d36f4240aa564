using Microsoft.Extensions.Configuration;

namespace Achats.Shared.Email;

/// <summary>
/// The address participants and suppliers reach the public pages at (<c>PublicSite:BaseUrl</c>, or its earlier name
/// <c>Charter:PublicBaseUrl</c>, so that a deployment set up before keeps sending working links): every link an email
/// holds starts with it.
/// </summary>
public sealed record PublicSite(string BaseUrl)
{
    /// <summary>The privacy notice, linked from every public page and every email.</summary>
    public const string PrivacyPath = "/confidentialite";

    public static PublicSite From(IConfiguration configuration) =>
        new((configuration["PublicSite:BaseUrl"] is { Length: > 0 } url ? url
            : configuration["Charter:PublicBaseUrl"] is { Length: > 0 } earlier ? earlier
            : "http://localhost:5080").TrimEnd('/'));

    /// <summary>The absolute address of <paramref name="path"/> (which starts with a slash).</summary>
    public string Url(string path) => $"{BaseUrl}{path}";

    public string PrivacyUrl => Url(PrivacyPath);

    /// <summary>The participant's own page, where they ask for a sign-in link: the one address every email gives for it.</summary>
    public string ParticipantPageUrl => Url(Access.ParticipantSession.SignInPath);
}

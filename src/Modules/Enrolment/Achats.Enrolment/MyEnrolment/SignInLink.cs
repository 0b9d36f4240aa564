using Achats.Shared.Access;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// A single-use link to the participant's own page, emailed on request (ADR 0044): kept as the hash of its token, for
/// the address it was sent to. A document, not an event: it opens a session, it decides nothing about an enrolment.
/// </summary>
public sealed record SignInLink(Guid Id, string TokenHash, string Email, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt)
{
    /// <summary>How long a link opens the page.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>At most this many links per address in an hour, whoever asks: the form cannot flood an inbox.</summary>
    public const int PerAddressPerHour = 3;

    public static (string Token, SignInLink Link) Issue(string email, DateTimeOffset now)
    {
        var (token, hash) = SigningToken.New();
        return (token, new SignInLink(Guid.CreateVersion7(), hash, Normalise(email), now, now + Lifetime, UsedAt: null));
    }

    public SignInLinkState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? SignInLinkState.Used : now >= ExpiresAt ? SignInLinkState.Expired : SignInLinkState.Usable;

    /// <summary>Addresses are compared as the session claim holds them: trimmed and lower-cased.</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();
}

public enum SignInLinkState
{
    Usable,
    /// <summary>No link has this token.</summary>
    Unknown,
    Expired,
    Used,
}

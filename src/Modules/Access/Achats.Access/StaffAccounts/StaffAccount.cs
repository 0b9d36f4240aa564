using System.Security.Cryptography;
using System.Text;
using Achats.Shared.Access;
using Microsoft.AspNetCore.Identity;

namespace Achats.Access.StaffAccounts;

/// <summary>
/// A staff member's account: who they are, their role, their password hash and its failures in a row, whether it is
/// disabled, a pending password link, and the security stamp every session carries (ADR 0030): it changes whenever
/// what a session vouches for changes, so the sessions opened before are refused at their next request.
/// </summary>
public sealed record StaffAccount(
    Guid Id,
    string Email,
    string DisplayName,
    string Role,
    OrganisingStructure? Organisation,
    string PasswordHash,
    int FailedAttempts = 0,
    bool Disabled = false,
    string SecurityStamp = "",
    PasswordLink? PasswordLink = null)
{
    public const int MaxFailedAttempts = 5;
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 256;
    public static readonly TimeSpan LongestSignInDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan PasswordLinkLifetime = TimeSpan.FromHours(24);

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    /// <summary>Emails are compared as typed, less case and surrounding spaces.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public static StaffAccount Create(string email, string displayName, string role, OrganisingStructure? organisation, string password)
    {
        var account = new StaffAccount(Guid.CreateVersion7(), NormaliseEmail(email), displayName.Trim(), role, organisation, "", SecurityStamp: NewStamp());
        return account with { PasswordHash = Hasher.HashPassword(account, password) };
    }

    /// <summary>
    /// How long a sign-in on this account waits before it is checked (ADR 0041): nothing until
    /// <see cref="MaxFailedAttempts"/> failures in a row, then a second more per failure up to <see cref="LongestSignInDelay"/>.
    /// Failures slow the account down and never lock it: a stranger who knows the address cannot keep its owner out.
    /// </summary>
    public TimeSpan SignInDelay =>
        FailedAttempts < MaxFailedAttempts ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(FailedAttempts - MaxFailedAttempts + 1, LongestSignInDelay.TotalSeconds));

    public bool IsSlowedDown => SignInDelay > TimeSpan.Zero;

    public bool IsActiveAdministrator => Role == StaffRole.Administrator && !Disabled;

    /// <summary>
    /// The account after a sign-in attempt with <paramref name="password"/>: a failure is counted, a success clears
    /// the failures. A disabled account refuses even the right password.
    /// </summary>
    public (StaffAccount Account, bool SignedIn) AttemptSignIn(string password)
    {
        // Hash first, even for a disabled account: it must not answer faster than another.
        var verification = Hasher.VerifyHashedPassword(this, PasswordHash, password);
        if (Disabled)
        {
            return (this, false);
        }

        if (verification == PasswordVerificationResult.Failed)
        {
            return (this with { FailedAttempts = FailedAttempts + 1 }, false);
        }

        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(this, password) : PasswordHash;
        return (this with { FailedAttempts = 0, PasswordHash = rehashed }, true);
    }

    /// <summary>Whether <paramref name="password"/> is this account's, without counting a failure.</summary>
    public bool HasPassword(string password) => Hasher.VerifyHashedPassword(this, PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>A new password: earlier sessions and any pending link end, earlier failures are forgotten.</summary>
    public StaffAccount WithPassword(string password) =>
        this with { PasswordHash = Hasher.HashPassword(this, password), SecurityStamp = NewStamp(), PasswordLink = null, FailedAttempts = 0 };

    /// <summary>
    /// A reset by a single-use link: the old password stops working at once (replaced by one nobody knows), earlier
    /// sessions end, and the link is kept only as its hash. Returns the token to put in the link, shown once.
    /// </summary>
    public (StaffAccount Account, string Token) WithPasswordLink(DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var account = WithPassword(GeneratedPassword.New() + GeneratedPassword.New());
        return (account with { PasswordLink = new PasswordLink(HashOf(token), now + PasswordLinkLifetime) }, token);
    }

    /// <summary>A role and a structure: sessions opened under the former ones end.</summary>
    public StaffAccount WithRole(string role, OrganisingStructure? organisation) =>
        this with { Role = role, Organisation = organisation, SecurityStamp = NewStamp() };

    public StaffAccount Disable() => this with { Disabled = true, SecurityStamp = NewStamp() };

    public StaffAccount Enable() => this with { Disabled = false, FailedAttempts = 0 };

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}

/// <summary>A pending single-use link to choose a new password: the SHA-256 of its token, never the token.</summary>
public sealed record PasswordLink(string TokenHash, DateTimeOffset ExpiresAt);

/// <summary>What an administrator sees of a staff account: never its password hash.</summary>
public sealed record StaffAccountView(Guid Id, string Email, string DisplayName, string Role, OrganisingStructure? Organisation, bool Disabled, bool SlowedDown)
{
    public static StaffAccountView Of(StaffAccount account) =>
        new(account.Id, account.Email, account.DisplayName, account.Role, account.Organisation, account.Disabled, account.IsSlowedDown);
}

/// <summary>First passwords an administrator reads out: 16 letters and digits none can mistake for another, in groups of four.</summary>
internal static class GeneratedPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New() => string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));
}

/// <summary>How a staff member gets in after an administrator opens or resets their account.</summary>
public enum CredentialDelivery
{
    /// <summary>A password generated for them, shown once to the administrator, who passes it on.</summary>
    GeneratedPassword,

    /// <summary>A single-use link, valid 24 hours, where they choose their own password.</summary>
    OneTimeLink,
}

/// <summary>The secret an administrator passes on, shown once: a first password, or a link (a path on this site) and its expiry.</summary>
public sealed record IssuedCredential(string? Password, string? Link, DateTimeOffset? LinkExpiresAt)
{
    public const string LinkPath = "/connexion/nouveau-mot-de-passe";

    public static (StaffAccount Account, IssuedCredential Credential) For(StaffAccount account, CredentialDelivery delivery, DateTimeOffset now)
    {
        if (delivery == CredentialDelivery.GeneratedPassword)
        {
            var password = GeneratedPassword.New();
            return (account.WithPassword(password), new IssuedCredential(password, null, null));
        }

        var (linked, token) = account.WithPasswordLink(now);
        return (linked, new IssuedCredential(null, $"{LinkPath}/{token}", linked.PasswordLink!.ExpiresAt));
    }

    // A secret is never printed, whatever logs at Debug.
    public override string ToString() => $"{nameof(IssuedCredential)} {{ LinkExpiresAt = {LinkExpiresAt} }}";
}

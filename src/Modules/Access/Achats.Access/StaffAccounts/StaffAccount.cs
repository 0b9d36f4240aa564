using Achats.Shared.Access;
using Microsoft.AspNetCore.Identity;

namespace Achats.Access.StaffAccounts;

/// <summary>A staff member's account: who they are, their role, their password hash and its lockout state.</summary>
public sealed record StaffAccount(
    Guid Id,
    string Email,
    string DisplayName,
    string Role,
    OrganisingStructure? Organisation,
    string PasswordHash,
    int FailedAttempts = 0,
    DateTimeOffset? LockedUntil = null)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    /// <summary>Emails are compared as typed, less case and surrounding spaces.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public static StaffAccount Create(string email, string displayName, string role, OrganisingStructure? organisation, string password)
    {
        var account = new StaffAccount(Guid.CreateVersion7(), NormaliseEmail(email), displayName.Trim(), role, organisation, "");
        return account with { PasswordHash = Hasher.HashPassword(account, password) };
    }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil > now;

    /// <summary>
    /// The account after a sign-in attempt with <paramref name="password"/>: a success clears the failures,
    /// the fifth failure in a row locks it for <see cref="LockoutDuration"/>. A locked account refuses even
    /// the right password, so guessing gains nothing while it lasts.
    /// </summary>
    public (StaffAccount Account, bool SignedIn) AttemptSignIn(string password, DateTimeOffset now)
    {
        // Hash first, even for a locked account: a locked account must not answer faster than another.
        var verification = Hasher.VerifyHashedPassword(this, PasswordHash, password);
        if (IsLockedAt(now))
        {
            return (this, false);
        }

        if (verification == PasswordVerificationResult.Failed)
        {
            var failures = FailedAttempts + 1;
            return (failures >= MaxFailedAttempts
                ? this with { FailedAttempts = 0, LockedUntil = now + LockoutDuration }
                : this with { FailedAttempts = failures, LockedUntil = null }, false);
        }

        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(this, password) : PasswordHash;
        return (this with { FailedAttempts = 0, LockedUntil = null, PasswordHash = rehashed }, true);
    }
}

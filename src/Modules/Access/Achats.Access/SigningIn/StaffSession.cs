namespace Achats.Access.SigningIn;

/// <summary>
/// One signed-in session, kept server-side (ADR 0041): the cookie names it, each request loads it with the account,
/// and signing out deletes it, so that the same cookie is refused afterwards.
/// </summary>
public sealed record StaffSession(Guid Id, Guid AccountId, DateTimeOffset OpenedAt)
{
    /// <summary>However active, a session ends this long after it opened; older records are removed at the account's next sign-in.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(30);

    public bool IsLiveAt(DateTimeOffset now) => now - OpenedAt < MaximumLifetime;
}

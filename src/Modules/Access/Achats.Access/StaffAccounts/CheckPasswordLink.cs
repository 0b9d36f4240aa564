using Marten;

namespace Achats.Access.StaffAccounts;

/// <summary>Whether a single-use password link can still be used, so its page says so before anyone types a password.</summary>
public sealed record CheckPasswordLink(string Token)
{
    public override string ToString() => nameof(CheckPasswordLink);
}

public static class CheckPasswordLinkHandler
{
    public static async Task<bool> Handle(CheckPasswordLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = StaffAccount.HashOf(query.Token);
        var account = await session.Query<StaffAccount>().SingleOrDefaultAsync(candidate => candidate.PasswordLink!.TokenHash == hash, cancellationToken);
        return account is { PasswordLink: { } link, Disabled: false } && link.ExpiresAt > time.GetUtcNow();
    }
}

using Achats.Shared.Access;
using Marten;

namespace Achats.Catalogue.Solutions;

/// <summary>
/// The emailed link a supplier edits their solution through, without an account: asked for changes, or told their
/// solution is published. Random, kept only as its hash (<see cref="SigningToken"/>); the latest email's link is the
/// only one that works, for <see cref="SupplierLinks.Lifetime"/>.
/// </summary>
public sealed record SupplierLink(string Id, Guid SolutionId, DateTimeOffset ExpiresAt);

internal static class SupplierLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A new link for the solution, written in the caller's session; the earlier ones stop working.</summary>
    public static string Issue(IDocumentSession session, Guid solutionId, DateTimeOffset now)
    {
        var (token, hash) = SigningToken.New();
        session.DeleteWhere<SupplierLink>(link => link.SolutionId == solutionId);
        session.Store(new SupplierLink(hash, solutionId, now + Lifetime));
        return token;
    }

    /// <summary>The live link <paramref name="token"/> opens, or null when it is unknown, replaced or expired.</summary>
    public static async Task<SupplierLink?> FindAsync(IQuerySession session, string token, DateTimeOffset now, CancellationToken cancellationToken) =>
        await session.LoadAsync<SupplierLink>(SigningToken.HashOf(token), cancellationToken) is { } link && link.ExpiresAt > now ? link : null;

    /// <summary>The page the emailed link opens.</summary>
    public static string EditPath(string token) => $"/catalogue/modifier/{token}";
}

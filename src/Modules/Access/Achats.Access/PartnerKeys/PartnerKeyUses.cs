using System.Collections.Concurrent;
using Marten;

namespace Achats.Access.PartnerKeys;

/// <summary>When a partner key last authenticated a call; kept apart from the key, so that noting a use never races a revocation.</summary>
public sealed record PartnerKeyUse(Guid Id, DateTimeOffset LastUsedAt);

/// <summary>
/// Notes each key's last use, writing at most once a minute per key on this node: a partner calling a thousand
/// times a minute costs one write, not a thousand. The date shown is therefore exact to the minute.
/// </summary>
internal sealed class PartnerKeyUses(IDocumentStore store, TimeProvider time)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    public async Task RecordAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_written.TryGetValue(keyId, out var last) && now - last < Resolution)
        {
            return;
        }

        _written[keyId] = now;
        await using var session = store.LightweightSession();
        session.Store(new PartnerKeyUse(keyId, now));
        await session.SaveChangesAsync(cancellationToken);
    }
}

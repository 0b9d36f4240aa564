namespace Achats.Audit.Chain;

/// <summary>Where a stream's chain stops matching: its first event that does not, and why (in French, as printed).</summary>
public sealed record ChainBreak(Guid StreamId, long Version, long? Sequence, string Reason);

/// <summary>One seal: the Merkle root of every stream's head at <see cref="SealedAt"/>, chained to the seal before it.</summary>
public sealed record Seal(long Id, DateTimeOffset SealedAt, byte[] Root, byte[]? PreviousRoot, IReadOnlyList<SealedHead> Heads);

public sealed record SealedHead(Guid StreamId, long Version, byte[] Hash);

/// <summary>What a verification found: how much it read, and every break (none when the history is intact).</summary>
/// <summary><paramref name="SealedStreams"/>: how many of the streams read the latest seal covers.</summary>
public sealed record ChainReport(long Events, int Streams, int SealedStreams, long? SealId, DateTimeOffset? SealedAt, IReadOnlyList<ChainBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}

/// <summary>
/// The verification of the chain, fed the events of each stream in order (from the database or from an export): each
/// stream's links are recomputed from what is stored, and the latest seal's heads must still be there. The first
/// event of a stream that does not match is its break; the verification goes on with the next stream.
/// </summary>
public sealed class ChainVerification(Seal? latestSeal, IReadOnlySet<Guid>? scope = null)
{
    private readonly List<ChainBreak> breaks = [];
    private readonly Dictionary<Guid, SealedHead> unseenHeads = latestSeal?.Heads
        .Where(head => scope is null || scope.Contains(head.StreamId))
        .ToDictionary(head => head.StreamId) ?? [];

    private readonly int sealedStreams = latestSeal?.Heads.Count(head => scope is null || scope.Contains(head.StreamId)) ?? 0;

    private Guid? stream;
    private long lastVersion;
    private byte[]? previous;
    private bool broken;
    private long events;
    private int streams;

    public void Add(ChainedEvent recorded)
    {
        if (recorded.StreamId != stream)
        {
            stream = recorded.StreamId;
            lastVersion = 0;
            previous = null;
            broken = false;
            streams++;
        }

        events++;
        if (unseenHeads.TryGetValue(recorded.StreamId, out var head) && head.Version == recorded.Version)
        {
            unseenHeads.Remove(recorded.StreamId);
            if (!broken && recorded.Hash is { } hash && !hash.AsSpan().SequenceEqual(head.Hash))
            {
                Break(recorded, $"la version {recorded.Version} ne correspond plus au sceau n° {latestSeal!.Id} du {Sealed}");
            }
        }

        if (broken)
        {
            return;
        }

        if (recorded.Version != lastVersion + 1 && lastVersion > 0)
        {
            Break(recorded, $"l'événement {lastVersion + 1} manque (supprimé ?)");
        }
        else if (!recorded.HasLink)
        {
            Break(recorded, "l'événement n'a pas de maillon : il a été ajouté hors de l'application");
        }
        else if (!recorded.HasEvent)
        {
            Break(recorded, "l'événement a été supprimé (son maillon est resté)");
        }
        else if (!ChainLink.DataMatches(recorded))
        {
            Break(recorded, "les données de l'événement ont été modifiées");
        }
        else if (!ChainLink.Hash(previous, recorded, recorded.MaskedDigest!, recorded.PersonalDigest).AsSpan().SequenceEqual(recorded.Hash))
        {
            Break(recorded, "l'événement ne correspond plus à son maillon (métadonnées, ordre ou maillon modifiés)");
        }

        lastVersion = recorded.Version;
        previous = recorded.Hash;
    }

    /// <summary>The report, once every event has been added: sealed heads never met are events deleted since the seal.</summary>
    public ChainReport Complete()
    {
        foreach (var missing in unseenHeads.Values.OrderBy(head => head.StreamId))
        {
            breaks.Add(new ChainBreak(missing.StreamId, missing.Version, null,
                $"l'événement {missing.Version}, scellé le {Sealed} (sceau n° {latestSeal!.Id}), a disparu"));
        }

        if (latestSeal is not null && !SealRoot.Of(latestSeal.Heads).AsSpan().SequenceEqual(latestSeal.Root))
        {
            breaks.Add(new ChainBreak(Guid.Empty, 0, null, $"le sceau n° {latestSeal.Id} du {Sealed} ne correspond plus à ses têtes de chaîne"));
        }

        return new ChainReport(events, streams, sealedStreams, latestSeal?.Id, latestSeal?.SealedAt, breaks);
    }

    private string Sealed => latestSeal is null ? "" : Achats.Shared.Time.FrenchDates.At(latestSeal.SealedAt);

    private void Break(ChainedEvent recorded, string reason)
    {
        breaks.Add(new ChainBreak(recorded.StreamId, recorded.Version, recorded.Sequence, reason));
        broken = true;
    }
}

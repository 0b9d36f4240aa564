using System.Security.Cryptography;
using System.Text;

namespace Achats.Audit.Chain;

/// <summary>
/// The Merkle root of a seal's heads: a leaf per stream (<c>stream\nversion\nhash</c>, streams in order), each pair of
/// nodes hashed together, an odd node carried up. Any head changed, added or removed changes the root.
/// </summary>
public static class SealRoot
{
    public static byte[] Of(IEnumerable<SealedHead> heads)
    {
        var level = heads.OrderBy(head => head.StreamId.ToString("D"), StringComparer.Ordinal)
            .Select(head => SHA256.HashData(Encoding.UTF8.GetBytes($"{head.StreamId:D}\n{head.Version}\n{ChainLink.Hex(head.Hash)}")))
            .ToList();
        if (level.Count == 0)
        {
            return SHA256.HashData([]);
        }

        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? SHA256.HashData([.. level[i], .. level[i + 1]]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Achats.Shared.Messaging;

/// <summary>
/// The id of a module's own stream about something another module names: every stream shares one table of ids, so a
/// module never reuses the other's id (a cohort's, a session's) as its stream's. The same owner and id always give
/// the same stream id (a name-based UUID, RFC 9562 version 5), so a redelivered message finds the stream it started.
/// </summary>
public static class StreamIds
{
    public static Guid Derive(string owner, Guid id)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{owner}:{id:D}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Achats.Audit.Chain;

/// <summary>
/// One event as the chain sees it: what was stored, and the link the database wrote for it when it was appended
/// (<see cref="EventChain"/>). Read from <c>events.mt_events</c> joined with <c>audit.event_chain</c>, or from an
/// export's lines: the same verification runs on both. An event without its link, or a link whose event is gone,
/// has the other half null.
/// </summary>
public sealed record ChainedEvent(
    Guid StreamId,
    long Version,
    long Sequence,
    string? Type,
    string? Timestamp,
    string? CorrelationId,
    string? CausationId,
    string? UserName,
    string? Headers,
    string? Data,
    byte[]? Hash,
    byte[]? MaskedDigest,
    byte[]? PersonalDigest,
    byte[]? Salt)
{
    public bool HasEvent => Data is not null;

    public bool HasLink => Hash is not null;
}

/// <summary>
/// The hashes of the chain, computed here exactly as the trigger computes them in the database (ADR 0058): the
/// event's data is committed to by <c>MaskedDigest</c> (its data with the personal fields replaced) and, while the
/// person is not erased, by <c>PersonalDigest</c> (salted, the whole data); the link covers the previous link, the
/// stream, version, type, UTC timestamp, actor metadata and both digests.
/// </summary>
public static class ChainLink
{
    public static byte[] Hash(byte[]? previous, ChainedEvent recorded, byte[] maskedDigest, byte[]? personalDigest) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            Hex(previous),
            recorded.StreamId.ToString("D"),
            recorded.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            recorded.Type ?? "",
            recorded.Timestamp ?? "",
            recorded.CorrelationId ?? "",
            recorded.CausationId ?? "",
            recorded.UserName ?? "",
            recorded.Headers ?? "",
            Hex(maskedDigest),
            Hex(personalDigest))));

    /// <summary>
    /// Whether the stored data is the data the link committed to: the whole of it (salted) while the person's data is
    /// there, or its masked form once they are erased (the salt is then gone too).
    /// </summary>
    public static bool DataMatches(ChainedEvent recorded)
    {
        var data = Encoding.UTF8.GetBytes(recorded.Data ?? "");
        return recorded.Salt is { } salt && recorded.PersonalDigest is { } personal
            ? SHA256.HashData([.. salt, .. data]).AsSpan().SequenceEqual(personal)
            : recorded.MaskedDigest is { } masked && SHA256.HashData(data).AsSpan().SequenceEqual(masked);
    }

    public static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);
}

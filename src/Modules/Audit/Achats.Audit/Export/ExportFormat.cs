using System.Text.Json;
using Achats.Audit.Chain;

namespace Achats.Audit.Export;

/// <summary>
/// The files of an audit export (ADR 0060) and how each is read back offline. <c>events.jsonl</c> holds one
/// <see cref="ExportedEvent"/> a line; <c>manifest.json</c> the <see cref="ExportManifest"/>.
/// </summary>
public static class ExportFormat
{
    public const string Version = "achats-audit-export/1";
    public const string Events = "events.jsonl";
    public const string Enrolments = "inscriptions.csv";
    public const string Charter = "charte.json";
    public const string Manifest = "manifest.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = false };

    public static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerOptions.Web) { WriteIndented = true };
}

/// <summary>
/// One event with its link, as stored: <see cref="Data"/> and <see cref="Headers"/> are the exact text PostgreSQL
/// returned (the chain hashes that text), carried as JSON strings; digests and salt in lowercase hex.
/// </summary>
public sealed record ExportedEvent(
    Guid Stream,
    long Version,
    long Sequence,
    string? Type,
    string? Timestamp,
    string? CorrelationId,
    string? CausationId,
    string? UserName,
    string? Headers,
    string? Data,
    string? Hash,
    string? MaskedDigest,
    string? PersonalDigest,
    string? Salt)
{
    public static ExportedEvent From(ChainedEvent recorded) => new(
        recorded.StreamId, recorded.Version, recorded.Sequence, recorded.Type, recorded.Timestamp, recorded.CorrelationId,
        recorded.CausationId, recorded.UserName, recorded.Headers, recorded.Data,
        Hex(recorded.Hash), Hex(recorded.MaskedDigest), Hex(recorded.PersonalDigest), Hex(recorded.Salt));

    /// <summary>The event as the verification reads it; a digest that is not hex reads as absent, which the verification names.</summary>
    public ChainedEvent ToChained() => new(
        Stream, Version, Sequence, Type, Timestamp, CorrelationId, CausationId, UserName, Headers, Data,
        Bytes(Hash), Bytes(MaskedDigest), Bytes(PersonalDigest), Bytes(Salt));

    private static string? Hex(byte[]? bytes) => bytes is null ? null : ChainLink.Hex(bytes);

    private static byte[]? Bytes(string? hex)
    {
        if (hex is null)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What an export holds and proves: each file's SHA-256, the cohort, who exported it and when, and the latest seal.</summary>
public sealed record ExportManifest(
    string Format,
    Guid CohortId,
    string CohortName,
    string ExportedBy,
    DateTimeOffset ExportedAt,
    int Streams,
    long Events,
    IReadOnlyList<ManifestFile> Files,
    ManifestSeal? Seal);

public sealed record ManifestFile(string Name, string Sha256, long Bytes);

/// <summary>The latest seal when the export was made, with all its heads, so that its Merkle root can be recomputed.</summary>
public sealed record ManifestSeal(long Id, DateTimeOffset SealedAt, string Root, string? PreviousRoot, IReadOnlyList<ManifestHead> Heads)
{
    public static ManifestSeal From(Seal seal) => new(
        seal.Id, seal.SealedAt, ChainLink.Hex(seal.Root), seal.PreviousRoot is null ? null : ChainLink.Hex(seal.PreviousRoot),
        seal.Heads.Select(head => new ManifestHead(head.StreamId, head.Version, ChainLink.Hex(head.Hash))).ToList());

    public Seal ToSeal() => new(Id, SealedAt, Convert.FromHexString(Root), PreviousRoot is null ? null : Convert.FromHexString(PreviousRoot),
        Heads.Select(head => new SealedHead(head.Stream, head.Version, Convert.FromHexString(head.Hash))).ToList());
}

public sealed record ManifestHead(Guid Stream, long Version, string Hash);

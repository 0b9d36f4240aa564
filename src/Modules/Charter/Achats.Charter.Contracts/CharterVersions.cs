namespace Achats.Charter.Contracts;

/// <summary>Every version of a cohort's charter published so far, oldest first (none before the first).</summary>
public sealed record ListCharterVersions(Guid CohortId)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "charter.list-charter-versions.v1";
}

/// <summary>
/// A published version as participants read it, with its <paramref name="Fingerprint"/>: SHA-256 (lowercase hex) of
/// title, body and commitments joined as Charter's signatures record it.
/// </summary>
public sealed record PublishedCharterVersion(
    int Number, string Fingerprint, DateTimeOffset PublishedAt, string Title, string Body, IReadOnlyList<string> Commitments)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "charter.published-charter-version.v1";
}

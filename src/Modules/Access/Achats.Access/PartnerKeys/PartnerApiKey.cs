using System.Security.Cryptography;
using System.Text;
using Achats.Shared.Access;

namespace Achats.Access.PartnerKeys;

/// <summary>
/// A partner's API key as stored: its public prefix, the SHA-256 of the whole key (never the key), the
/// partner it acts for and its scopes. The key is <c>achats_PREFIX_SECRET</c>, shown once at creation.
/// </summary>
public sealed record PartnerApiKey(
    Guid Id,
    OrganisingStructure Partner,
    string[] Scopes,
    string Label,
    string Prefix,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    private const string Marker = "achats_";

    /// <summary>A new key: the document to store and the key to show once.</summary>
    public static (PartnerApiKey Stored, string Key) Issue(OrganisingStructure partner, IEnumerable<string> scopes, string label, DateTimeOffset now)
    {
        var prefix = RandomNumberGenerator.GetHexString(12, lowercase: true);
        var key = $"{Marker}{prefix}_{Base64UrlSecret()}";
        return (new PartnerApiKey(Guid.CreateVersion7(), partner, scopes.Distinct().Order().ToArray(), label.Trim(), prefix, Hash(key), now), key);
    }

    /// <summary>The prefix to look a presented key up by; null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string presented) =>
        presented.StartsWith(Marker, StringComparison.Ordinal) && presented.Length > Marker.Length + 13 && presented[Marker.Length + 12] == '_'
            ? presented.Substring(Marker.Length, 12)
            : null;

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether <paramref name="presented"/> is this key, compared in constant time.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(SecretHash));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

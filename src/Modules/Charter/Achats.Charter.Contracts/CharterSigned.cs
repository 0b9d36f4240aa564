namespace Achats.Charter.Contracts;

/// <summary>A participant signed the commitment charter of their cohort, in the version and fingerprint given.</summary>
public sealed record CharterSigned(
    Guid EnrolmentId,
    Guid CharterVersionId,
    string CharterFingerprint,
    DateTimeOffset SignedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "charter.signed.v1";
}

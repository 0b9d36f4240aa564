namespace Achats.Charter.Contracts;

/// <summary>A participant revoked their signature of the charter: they no longer commit, and leave the cohort.</summary>
public sealed record CharterSignatureRevoked(Guid EnrolmentId, string Reason, DateTimeOffset RevokedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "charter.signature-revoked.v1";
}

using Achats.Charter.Charters;
using Marten;

namespace Achats.Charter.Signatures;

/// <summary>What a signing link opens on: whether it can be used, for whom, and the exact text to sign.</summary>
public sealed record OpenSigningLink(string Token);

public enum SigningLinkState
{
    Usable,
    /// <summary>Unknown, tampered with, or replaced by a newer link.</summary>
    Invalid,
    Expired,
    Used,
}

/// <summary>What the link shows: the charter to sign, or, once used, only the signature given (and its revocation, if any).</summary>
public sealed record SigningLinkView(
    SigningLinkState State, Signer? Signer, CharterVersion? Charter, int? SignedVersion = null, DateTimeOffset? SignedAt = null, DateTimeOffset? RevokedAt = null);

public static class OpenSigningLinkHandler
{
    public static async Task<SigningLinkView> Handle(OpenSigningLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = await SignCharterHandler.FileOfAsync(session, query.Token, cancellationToken);
        var state = SignCharterHandler.StateOf(file, time.GetUtcNow());
        if (state == SigningLinkState.Used && file!.Signatures.Count > 0)
        {
            // Used, the link only shows what it did: whoever holds an old email can act on nothing (ADR 0046).
            var last = file.Signatures[^1];
            return new SigningLinkView(state, file.Signer, null, last.VersionNumber, last.SignedAt, file.Revocation?.RevokedAt);
        }

        if (state != SigningLinkState.Usable)
        {
            return new SigningLinkView(state, null, null);
        }

        var charter = await session.CharterOfAsync(file!.CohortId, cancellationToken);
        return new SigningLinkView(state, file.Signer, charter?.Current);
    }
}

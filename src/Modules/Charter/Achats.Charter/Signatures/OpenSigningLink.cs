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

/// <summary>What the link shows: the charter to sign, or, once used, the signature given and the way to revoke it.</summary>
public sealed record SigningLinkView(SigningLinkState State, Signer? Signer, CharterVersion? Charter, int? SignedVersion = null, DateTimeOffset? SignedAt = null);

public static class OpenSigningLinkHandler
{
    public static async Task<SigningLinkView> Handle(OpenSigningLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = await SignCharterHandler.FileOfAsync(session, query.Token, cancellationToken);
        var state = SignCharterHandler.StateOf(file, time.GetUtcNow());
        if (state == SigningLinkState.Used && file!.Committable)
        {
            // The participant's own door to their signature: shown with the way to revoke it.
            var last = file.Signatures[^1];
            return new SigningLinkView(state, file.Signer, null, last.VersionNumber, last.SignedAt);
        }

        if (state != SigningLinkState.Usable)
        {
            return new SigningLinkView(state, null, null);
        }

        var charter = await session.CharterOfAsync(file!.CohortId, cancellationToken);
        return new SigningLinkView(state, file.Signer, charter?.Current);
    }
}

using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Time;

namespace Achats.Charter.Signatures;

/// <summary>The rules of signing links, without I/O.</summary>
internal static class SigningLinks
{
    public static (string Token, SigningLinkIssued Issued) Issue(DateTimeOffset now, int days)
    {
        var (token, hash) = SigningToken.New();
        return (token, new SigningLinkIssued(Guid.CreateVersion7(), hash, now.AddDays(days)));
    }

    /// <summary>A new link voids the one before it, used or not.</summary>
    public static IReadOnlyList<object> Replace(SignatureFile file, SigningLinkIssued issued) =>
        file.ActiveLink is { } active ? [new SigningLinkVoided(active.LinkId, "Remplacé par un nouveau lien."), issued] : [issued];

    public static SendEmail Email(Signer signer, string url, DateTimeOffset expiresAt) => new(
        signer.Email,
        signer.Name,
        "Signez la charte d'engagement du programme Achats circulaires et solidaires",
        $"""
        Bonjour {signer.FirstName},

        Votre pré-inscription au programme Achats circulaires et solidaires a été validée. Pour être admis·e dans
        l'édition, lisez et signez la charte d'engagement en suivant ce lien personnel, valable jusqu'au {FrenchDates.At(expiresAt)} :

        {url}

        Ce lien ne sert qu'une fois et vous est réservé : ne le transmettez pas.

        L'équipe du programme
        """);
}

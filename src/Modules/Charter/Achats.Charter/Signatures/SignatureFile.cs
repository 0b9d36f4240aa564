using Achats.Shared.Http;
using Achats.Shared.Privacy;
using Achats.Shared.Replay;
using Marten;

namespace Achats.Charter.Signatures;

/// <summary>Who is asked to sign, as Enrolment validated them.</summary>
public sealed record Signer(
    [PersonalData] string FirstName, [PersonalData] string LastName, [PersonalData] string Email, string JobTitle, string OrganisationName)
{
    [PersonalData]
    public string Name => $"{FirstName} {LastName}";
}

public sealed record SignatureRequested(Guid FileId, Guid EnrolmentId, Guid CohortId, Signer Signer);

/// <summary>A personal link was issued; only the SHA-256 of its token is kept.</summary>
public sealed record SigningLinkIssued(Guid LinkId, string TokenHash, DateTimeOffset ExpiresAt);

public sealed record SigningLinkVoided(Guid LinkId, string Reason);

/// <summary>The signature and its evidence: which text (version and fingerprint), when, who typed what, from where.</summary>
public sealed record CharterSignatureRecorded(
    Guid VersionId,
    int VersionNumber,
    string Fingerprint,
    DateTimeOffset SignedAt,
    [PersonalData] string TypedName,
    string Role,
    bool AuthorisedToCommit,
    [PersonalData] string? IpAddress,
    string? UserAgent,
    Guid LinkId);

/// <summary>Staff recorded a signature given on paper, with their note: the same commitment, other evidence.</summary>
public sealed record CharterSignedOnPaper(
    Guid VersionId,
    int VersionNumber,
    string Fingerprint,
    DateOnly SignedOn,
    [PersonalData] string SignerName,
    string Role,
    string Note,
    DateTimeOffset RecordedAt);

/// <summary>The participant withdrew their signature, saying why.</summary>
public sealed record SignatureRevoked(string Reason, DateTimeOffset RevokedAt);

/// <summary>Enrolment withdrew the participant: they are no longer asked to sign.</summary>
public sealed record ParticipantLeft(string Reason);

/// <summary>A new version was published while the participant was in the cohort: they are asked to sign it by the deadline.</summary>
public sealed record ResignatureRequested(Guid VersionId, int VersionNumber, DateTimeOffset Deadline);

public sealed record SigningLink(Guid LinkId, string TokenHash, DateTimeOffset ExpiresAt, bool Used);

/// <summary>One participant's signatures of their cohort's charter, and the link they sign with.</summary>
[ReplayedAs("dossier de signature", "dossiers de signature", "Signer.FirstName", "Signer.LastName")]
public sealed record SignatureFile(Guid Id, Guid EnrolmentId, Guid CohortId, Signer Signer)
{
    public int Version { get; set; }

    public SigningLink? ActiveLink { get; init; }

    /// <summary>Indexed, so that a link finds its file; null once the link is voided.</summary>
    public string? ActiveTokenHash { get; init; }

    public IReadOnlyList<CharterSignatureRecorded> Signatures { get; init; } = [];

    public IReadOnlyList<CharterSignedOnPaper> PaperSignatures { get; init; } = [];

    /// <summary>The latest version signed, online or on paper; null before any signature.</summary>
    public int? SignedVersion { get; init; }

    public SignatureRevoked? Revocation { get; init; }

    public bool Left { get; init; }

    /// <summary>The version the participant is asked to sign again, and by when; null when nothing is pending.</summary>
    public ResignatureRequested? PendingResignature { get; init; }

    public static SignatureFile Create(SignatureRequested requested) => new(requested.FileId, requested.EnrolmentId, requested.CohortId, requested.Signer);

    public SignatureFile Apply(SigningLinkIssued issued) =>
        this with { ActiveLink = new SigningLink(issued.LinkId, issued.TokenHash, issued.ExpiresAt, Used: false), ActiveTokenHash = issued.TokenHash };

    public SignatureFile Apply(SigningLinkVoided voided) => this with { ActiveLink = null, ActiveTokenHash = null };

    public SignatureFile Apply(CharterSignatureRecorded signed) => this with
    {
        Signatures = [.. Signatures, signed],
        SignedVersion = signed.VersionNumber,
        ActiveLink = ActiveLink! with { Used = true },
        PendingResignature = PendingResignature is { } pending && pending.VersionNumber > signed.VersionNumber ? pending : null,
    };

    public SignatureFile Apply(CharterSignedOnPaper signed) => this with
    {
        PaperSignatures = [.. PaperSignatures, signed],
        SignedVersion = signed.VersionNumber,
        PendingResignature = PendingResignature is { } pending && pending.VersionNumber > signed.VersionNumber ? pending : null,
    };

    public SignatureFile Apply(ParticipantLeft left) => this with { Left = true, PendingResignature = null };

    public SignatureFile Apply(ResignatureRequested requested) => this with { PendingResignature = requested };

    public SignatureFile Apply(SignatureRevoked revoked) => this with { Revocation = revoked };

    /// <summary>Still asked to sign: neither gone from the cohort nor having revoked their signature.</summary>
    public bool Committable => !Left && Revocation is null;
}

internal static class SignatureFiles
{
    /// <summary>
    /// A participant's file, loaded to append to it. Appends always go through <c>FetchForWriting</c>: with
    /// quick append, a bare <c>Events.Append</c> leaves the inline document's version behind.
    /// </summary>
    /// <remarks>
    /// Commands name the enrolment (or carry the link's token), not the file's stream id, so Wolverine's aggregate
    /// workflow cannot load it from the command: the file is found by query, then fetched for writing here.
    /// </remarks>
    public static async Task<(JasperFx.Events.IEventStream<SignatureFile> Stream, SignatureFile File)> ForWritingAsync(
        IDocumentSession session, Guid enrolmentId, CancellationToken cancellationToken) =>
        await IdOfAsync(session, enrolmentId, cancellationToken) is { } id
            && await session.Events.FetchForWriting<SignatureFile>(id, cancellationToken) is { Aggregate: { } file } stream
            ? (stream, file)
            : throw new NotFoundException("Aucune demande de signature pour cette inscription : la pré-inscription a-t-elle été validée ?");

    /// <summary>The participant's file, or null before their pre-registration was validated.</summary>
    public static async Task<Guid?> IdOfAsync(IQuerySession session, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var ids = await session.Query<SignatureFile>().Where(file => file.EnrolmentId == enrolmentId).Select(file => file.Id)
            .ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}

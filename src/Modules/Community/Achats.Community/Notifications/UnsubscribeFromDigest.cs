using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;

namespace Achats.Community.Notifications;

/// <summary>What a digest's opt-out link opens on, without acting: a mail scanner that follows the link changes nothing.</summary>
public sealed record OpenDigestOptOut(string Token);

/// <summary>The member confirms, through the link of a digest, that they no longer want it.</summary>
public sealed record UnsubscribeFromDigest(string Token);

/// <summary>The space whose digest the link stops, or none when the link is unknown.</summary>
public sealed record DigestOptOutView(string? SpaceName, Guid? CohortId);

internal sealed class UnsubscribeFromDigestValidator : AbstractValidator<UnsubscribeFromDigest>
{
    public UnsubscribeFromDigestValidator() =>
        RuleFor(command => command.Token).NotEmpty().MaximumLength(200).WithMessage(DigestOptOuts.Unknown);
}

public static class OpenDigestOptOutHandler
{
    public static async Task<DigestOptOutView> Handle(OpenDigestOptOut query, IQuerySession session, CancellationToken cancellationToken) =>
        await DigestOptOuts.FindAsync(session, query.Token, cancellationToken) is { } link
            && await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(link.CohortId), cancellationToken) is { } space
            ? new DigestOptOutView(space.Name, space.CohortId)
            : new DigestOptOutView(null, null);
}

public static class UnsubscribeFromDigestHandler
{
    public static async Task<DigestChoice> Handle(UnsubscribeFromDigest command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var link = await DigestOptOuts.FindAsync(session, command.Token, cancellationToken)
            ?? throw new RuleViolationException("digest-link-unknown", DigestOptOuts.Unknown);
        session.Store(new DigestSubscription(link.EnrolmentId, link.CohortId, false, time.GetUtcNow()));
        return new DigestChoice(link.CohortId, false);
    }
}

internal static class DigestOptOuts
{
    public const string Unknown = "Ce lien de désabonnement n'est pas valide : vérifiez qu'il est complet, ou choisissez vos notifications depuis votre espace.";

    public static Task<DigestOptOutLink?> FindAsync(IQuerySession session, string token, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(token) || token.Length > 200
            ? Task.FromResult<DigestOptOutLink?>(null)
            : session.LoadAsync<DigestOptOutLink>(SigningToken.HashOf(token), cancellationToken);
}

using Achats.Catalogue.Solutions;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Catalogue.Submission;

/// <summary>Whether an emailed confirmation link still opens its submission, without using it: a mail scanner that follows it confirms nothing.</summary>
public sealed record OpenConfirmationLink(string Token);

/// <summary>The title of the solution the link confirms, or null when the link no longer opens anything.</summary>
public sealed record ConfirmationLink(string? Title);

/// <summary>The contact confirms their address through the emailed link: the solution now waits for review.</summary>
public sealed record ConfirmSubmission(string Token);

internal sealed class ConfirmSubmissionValidator : AbstractValidator<ConfirmSubmission>
{
    public ConfirmSubmissionValidator() => RuleFor(command => command.Token).NotEmpty().MaximumLength(100).WithMessage(ConfirmationLinks.Gone);
}

public static class OpenConfirmationLinkHandler
{
    public static async Task<ConfirmationLink> Handle(OpenConfirmationLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken) =>
        new((await ConfirmationLinks.FindAsync(session, query.Token, time.GetUtcNow(), cancellationToken))?.Content.Solution.Title);
}

public static class ConfirmSubmissionHandler
{
    /// <summary>
    /// Starts the solution's stream with the contact as its actor, forgets the pending submission and tells the contact
    /// what comes next. A used, expired or unknown link is refused; of two confirmations racing, the second fails on the
    /// solution's id, chosen at submission.
    /// </summary>
    public static async Task<(SolutionChanged, OutgoingMessages)> Handle(
        ConfirmSubmission command, IDocumentSession session, IMessageContext context, TimeProvider time, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await ConfirmationLinks.FindAsync(session, command.Token, now, cancellationToken)
            ?? throw new RuleViolationException("submission-link-gone", ConfirmationLinks.Gone);
        var contact = pending.Content.Contact;
        ActorRelay.ActAs(context, session, SupplierActor.Of(contact));
        var submitted = new SolutionSubmitted(pending.SolutionId, pending.Content, pending.SubmittedAt, now);
        session.Events.StartStream<Solution>(pending.SolutionId, submitted);
        session.Delete(pending);
        var site = PublicSite.From(configuration);
        var received = EmailTemplate.Of(typeof(CatalogueModule).Assembly, "submission-received").Render(contact.Email, contact.Name, site,
            new Dictionary<string, object?>
            {
                ["ContactName"] = contact.Name,
                ["Title"] = pending.Content.Solution.Title,
                ["FormUrl"] = site.Url(SubmissionPaths.Form),
            });
        return (new SolutionChanged(pending.SolutionId, 1), [received]);
    }
}

internal static class ConfirmationLinks
{
    public const string Gone = "Ce lien de confirmation n'est plus valable : il a déjà servi, il a expiré (7 jours) ou il est incomplet. " +
        "Si votre solution n'a pas été confirmée, proposez-la de nouveau.";

    /// <summary>The submission the link confirms, while it waits and has not expired.</summary>
    public static async Task<PendingSubmission?> FindAsync(IQuerySession session, string token, DateTimeOffset now, CancellationToken cancellationToken) =>
        token.Length is > 0 and <= 100 && await session.LoadAsync<PendingSubmission>(Shared.Access.SigningToken.HashOf(token), cancellationToken) is { } pending
            && pending.IsLiveAt(now) ? pending : null;
}

/// <summary>The addresses of the supplier's pages.</summary>
public static class SubmissionPaths
{
    public const string Form = "/catalogue/proposer";
}

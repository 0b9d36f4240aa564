using Achats.Catalogue.Solutions;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Catalogue.Submission;

/// <summary>What the supplier's emailed edit link opens: their solution, or nothing when the link is unknown, replaced or expired.</summary>
public sealed record OpenSupplierLink(string Token);

public sealed record SupplierEdit(Solution? Solution);

/// <summary>The supplier sends a new version through their emailed link: it goes back to the review queue.</summary>
public sealed record ReviseSolution(string Token, SupplierDetails? Supplier, ContactDetails? Contact, SolutionDetails? Solution) : ISolutionFields;

internal sealed class ReviseSolutionValidator : AbstractValidator<ReviseSolution>
{
    public ReviseSolutionValidator()
    {
        RuleFor(command => command.Token).NotEmpty().MaximumLength(100).WithMessage(ReviseSolutionHandler.LinkGone);
        Include(new SolutionFieldsValidator());
    }
}

public static class OpenSupplierLinkHandler
{
    public static async Task<SupplierEdit> Handle(OpenSupplierLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken) =>
        new(query.Token.Length is > 0 and <= 100 && await SupplierLinks.FindAsync(session, query.Token, time.GetUtcNow(), cancellationToken) is { } link
            ? await session.LoadAsync<Solution>(link.SolutionId, cancellationToken)
            : null);
}

public static class ReviseSolutionHandler
{
    public const string LinkGone = "Ce lien de modification n'est plus valable : il a expiré ou un lien plus récent vous a été envoyé. " +
        "Utilisez le lien du dernier courriel de l'équipe du programme, ou écrivez-lui.";

    public static async Task<SolutionChanged> Handle(
        ReviseSolution command, IDocumentSession session, IMessageContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = await SupplierLinks.FindAsync(session, command.Token, now, cancellationToken)
            ?? throw new RuleViolationException("supplier-link-gone", LinkGone);
        // Read for writing: a staff decision committed meanwhile fails this revision rather than passing unseen.
        var stream = await session.Events.FetchForWriting<Solution>(link.SolutionId, cancellationToken);
        var solution = stream.Aggregate ?? throw new NotFoundException(SolutionStreams.NotFound);
        var revised = Decide(solution, command.ToContent(), now);
        // Whoever holds the link the contact was emailed acts as that contact.
        ActorRelay.ActAs(context, session, SupplierActor.Of(solution.Contact));
        stream.AppendOne(revised);
        return new SolutionChanged(solution.Id, (int)stream.CurrentVersion!.Value + 1);
    }

    /// <summary>Any solution but a refused one takes a new version: it waits for review, a published one staying online meanwhile.</summary>
    public static SolutionRevised Decide(Solution solution, SolutionContent content, DateTimeOffset now) =>
        solution.Status == SolutionStatus.Refused
            ? throw new RuleViolationException("solution-refused",
                "Cette solution a été refusée par l'équipe du programme : elle ne peut plus être modifiée. Pour toute question, écrivez à l'équipe.")
            : new SolutionRevised(solution.Id, content, now);
}

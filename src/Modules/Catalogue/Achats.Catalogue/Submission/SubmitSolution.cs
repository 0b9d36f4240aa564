using Achats.Shared.Email;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Catalogue.Submission;

/// <summary>A supplier proposes a solution for the catalogue: the public form. It reaches review once its contact confirms their address.</summary>
public sealed record SubmitSolution(SupplierDetails? Supplier, ContactDetails? Contact, SolutionDetails? Solution, bool ConsentToDataProcessing) : ISolutionFields;

/// <summary>What the form and the API answer every accepted submission: a confirmation email follows.</summary>
public sealed record SubmissionAcknowledgement(string Message)
{
    public static SubmissionAcknowledgement Sent => new(SubmissionTexts.Acknowledged);
}

/// <summary>Deletes a submission never confirmed, once its link has expired: nothing of it is kept.</summary>
public sealed record ExpirePendingSubmission(string PendingId);

internal sealed class SubmitSolutionValidator : AbstractValidator<SubmitSolution>
{
    public SubmitSolutionValidator()
    {
        Include(new SolutionFieldsValidator());
        RuleFor(command => command.ConsentToDataProcessing).Equal(true)
            .WithMessage("Votre consentement au traitement des données de la personne à contacter est nécessaire pour proposer une solution.");
    }
}

internal sealed class ExpirePendingSubmissionValidator : AbstractValidator<ExpirePendingSubmission>
{
    public ExpirePendingSubmissionValidator() => RuleFor(command => command.PendingId).NotEmpty().MaximumLength(64);
}

public static class SubmitSolutionHandler
{
    /// <summary>
    /// Keeps the submission aside and emails its contact the link to confirm it, with its deletion scheduled for when
    /// the link expires. Beyond <see cref="PendingSubmission.PerAddressPerHour"/> for one address in an hour, nothing is
    /// kept nor sent, and the answer is the same (ADR 0049).
    /// </summary>
    public static async Task<(SubmissionAcknowledgement, OutgoingMessages)> Handle(
        SubmitSolution command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var content = command.ToContent();
        var email = PendingSubmission.Normalise(content.Contact.Email);
        var lastHour = now.AddHours(-1);
        if (await session.Query<PendingSubmission>().CountAsync(p => p.Email == email && p.SubmittedAt > lastHour, cancellationToken) >= PendingSubmission.PerAddressPerHour)
        {
            return (SubmissionAcknowledgement.Sent, []);
        }

        var (token, pending) = PendingSubmission.Start(content, now);
        session.Insert(pending);
        var site = PublicSite.From(configuration);
        var confirm = EmailTemplate.Of(typeof(CatalogueModule).Assembly, "confirm-submission").Render(content.Contact.Email, content.Contact.Name, site,
            new Dictionary<string, object?>
            {
                ["ContactName"] = content.Contact.Name,
                ["Title"] = content.Solution.Title,
                ["ExpiresAt"] = FrenchDates.LongAt(pending.ExpiresAt),
                ["ConfirmUrl"] = site.Url(PendingSubmission.ConfirmPath(token)),
            });
        return (SubmissionAcknowledgement.Sent, [confirm, new ExpirePendingSubmission(pending.Id).DelayedFor(PendingSubmission.Lifetime)]);
    }
}

public static class ExpirePendingSubmissionHandler
{
    /// <summary>Deletes the submission if it is still unconfirmed and its link has expired; a confirmed one is gone already.</summary>
    public static async Task Handle(ExpirePendingSubmission command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<PendingSubmission>(command.PendingId, cancellationToken) is { } pending && !pending.IsLiveAt(time.GetUtcNow()))
        {
            session.Delete(pending);
        }
    }
}

internal static class SubmitSolutionEndpoint
{
    /// <summary>A description of 10,000 characters, every one of them escaped: room for the whole form, no more.</summary>
    public const long MaxBodyBytes = 128 * 1024;

    public static RouteHandlerBuilder MapSubmitSolution(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapPost("/submissions", async (SubmitSolution command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Accepted((string?)null, await bus.InvokeAsync<SubmissionAcknowledgement>(command, cancellationToken)))
            .AsPublicForm(MaxBodyBytes)
            .WithName(nameof(SubmitSolution))
            .WithSummary("Proposer une solution au catalogue")
            .WithDescription("Formulaire public du catalogue de solutions. La personne à contacter reçoit un courriel avec un lien de " +
                "confirmation valable 7 jours : la solution n'est relue par l'équipe du programme qu'une fois l'adresse confirmée ; " +
                "sans confirmation, rien n'est conservé. La réponse est la même à chaque envoi accepté.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}

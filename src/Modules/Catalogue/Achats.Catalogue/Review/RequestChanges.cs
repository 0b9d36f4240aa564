using Achats.Catalogue.Solutions;
using Achats.Shared.Email;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;

namespace Achats.Catalogue.Review;

/// <summary>
/// Staff ask the supplier to change the version under review; the message is emailed with a link to edit it, and the
/// edit comes back to the queue. A published solution stays online in its approved version meanwhile.
/// </summary>
public sealed record RequestChanges(Guid SolutionId, int Version, string Message);

internal sealed class RequestChangesValidator : AbstractValidator<RequestChanges>
{
    public RequestChangesValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(ReviewDecision.VersionRequired);
        RuleFor(command => command.Message).NotEmpty().WithMessage("Dites ce qu'il faut modifier : le message est envoyé au fournisseur.")
            .MaximumLength(ReviewDecision.MaxText).WithMessage(ReviewDecision.TextTooLong);
    }
}

public static class RequestChangesHandler
{
    public static (SolutionChanged, Events, SendEmail) Handle(
        RequestChanges command, [WriteSolution] Solution solution, IDocumentSession session, IConfiguration configuration, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = Decide(solution, command.Message.Trim(), now);
        var token = SupplierLinks.Issue(session, solution.Id, now);
        var email = ReviewDecision.Email(solution, configuration, "changes-requested", site => new()
        {
            ["Message"] = command.Message.Trim(),
            ["EditUrl"] = site.Url(SupplierLinks.EditPath(token)),
            ["Published"] = solution.IsPublished,
        });
        return (solution.Changed(events), [.. events], email);
    }

    public static IReadOnlyList<object> Decide(Solution solution, string message, DateTimeOffset now) =>
        solution.AwaitsReview
            ? [new ChangesRequested(solution.Id, message, now)]
            : throw ReviewDecision.WrongStep(solution, "On ne demande de modifications que sur une version en attente de relecture");
}

internal static class RequestChangesEndpoint
{
    public static RouteHandlerBuilder MapRequestChanges(this IEndpointRouteBuilder review) =>
        review.MapReviewDecision<RequestChanges>("changes-request", (command, solutionId) => command with { SolutionId = solutionId })
            .WithSummary("Demander des modifications au fournisseur");
}

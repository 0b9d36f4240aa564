using Achats.Catalogue.Solutions;
using Achats.Shared.Email;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;

namespace Achats.Catalogue.Review;

/// <summary>Staff refuse a solution that is not in the catalogue, for a reason emailed to the supplier.</summary>
public sealed record RefuseSolution(Guid SolutionId, int Version, string Reason);

internal sealed class RefuseSolutionValidator : AbstractValidator<RefuseSolution>
{
    public RefuseSolutionValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(ReviewDecision.VersionRequired);
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du refus est obligatoire : il est envoyé au fournisseur.")
            .MaximumLength(ReviewDecision.MaxText).WithMessage(ReviewDecision.TextTooLong);
    }
}

public static class RefuseSolutionHandler
{
    public static (SolutionChanged, Events, SendEmail) Handle(
        RefuseSolution command, [WriteSolution] Solution solution, IConfiguration configuration, TimeProvider clock)
    {
        var events = Decide(solution, command.Reason.Trim(), clock.GetUtcNow());
        var email = ReviewDecision.Email(solution, configuration, "solution-refused", _ => new() { ["Reason"] = command.Reason.Trim() });
        return (solution.Changed(events), [.. events], email);
    }

    /// <summary>A published solution is unpublished, not refused: what the public saw is taken out, with its own email.</summary>
    public static IReadOnlyList<object> Decide(Solution solution, string reason, DateTimeOffset now) => solution switch
    {
        { IsPublished: true } => throw new RuleViolationException("solution-published",
            "Cette solution est publiée dans le catalogue : retirez-la du catalogue plutôt que de la refuser."),
        { Status: SolutionStatus.AwaitingReview or SolutionStatus.ChangesRequested } => [new SolutionRefused(solution.Id, reason, now)],
        _ => throw ReviewDecision.WrongStep(solution, "Cette solution ne peut pas être refusée"),
    };
}

internal static class RefuseSolutionEndpoint
{
    public static RouteHandlerBuilder MapRefuseSolution(this IEndpointRouteBuilder review) =>
        review.MapReviewDecision<RefuseSolution>("refusal", (command, solutionId) => command with { SolutionId = solutionId })
            .WithSummary("Refuser une solution jamais publiée");
}

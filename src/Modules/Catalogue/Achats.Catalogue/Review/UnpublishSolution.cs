using Achats.Catalogue.Solutions;
using Achats.Shared.Email;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;

namespace Achats.Catalogue.Review;

/// <summary>Staff take a published solution out of the catalogue, for a reason emailed to the supplier; an edit waiting for review goes with it.</summary>
public sealed record UnpublishSolution(Guid SolutionId, int Version, string Reason);

internal sealed class UnpublishSolutionValidator : AbstractValidator<UnpublishSolution>
{
    public UnpublishSolutionValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(ReviewDecision.VersionRequired);
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif du retrait est obligatoire : il est envoyé au fournisseur.")
            .MaximumLength(ReviewDecision.MaxText).WithMessage(ReviewDecision.TextTooLong);
    }
}

public static class UnpublishSolutionHandler
{
    public static (SolutionChanged, Events, SendEmail) Handle(
        UnpublishSolution command, [WriteSolution] Solution solution, IConfiguration configuration, TimeProvider clock)
    {
        var events = Decide(solution, command.Reason.Trim(), clock.GetUtcNow());
        var email = ReviewDecision.Email(solution, configuration, "solution-unpublished", _ => new() { ["Reason"] = command.Reason.Trim() });
        return (solution.Changed(events), [.. events], email);
    }

    public static IReadOnlyList<object> Decide(Solution solution, string reason, DateTimeOffset now) =>
        solution.IsPublished
            ? [new SolutionUnpublished(solution.Id, reason, now)]
            : throw ReviewDecision.WrongStep(solution, "Seule une solution publiée peut être retirée du catalogue");
}

internal static class UnpublishSolutionEndpoint
{
    public static RouteHandlerBuilder MapUnpublishSolution(this IEndpointRouteBuilder review) =>
        review.MapReviewDecision<UnpublishSolution>("unpublication", (command, solutionId) => command with { SolutionId = solutionId })
            .WithSummary("Retirer une solution du catalogue");
}

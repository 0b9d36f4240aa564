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

/// <summary>Staff approve the version under review: the catalogue shows it from now on.</summary>
public sealed record PublishSolution(Guid SolutionId, int Version);

internal sealed class PublishSolutionValidator : AbstractValidator<PublishSolution>
{
    public PublishSolutionValidator() =>
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(ReviewDecision.VersionRequired);
}

public static class PublishSolutionHandler
{
    /// <summary>The supplier is written the public page and a new link to edit the solution later.</summary>
    public static (SolutionChanged, Events, SendEmail) Handle(
        PublishSolution command, [WriteSolution] Solution solution, IDocumentSession session, IConfiguration configuration, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = Decide(solution, now);
        var token = SupplierLinks.Issue(session, solution.Id, now);
        var email = ReviewDecision.Email(solution, configuration, "solution-published", site => new()
        {
            ["PublicUrl"] = site.Url($"/catalogue/{solution.Id}"),
            ["EditUrl"] = site.Url(SupplierLinks.EditPath(token)),
            ["WasPublished"] = solution.IsPublished,
        });
        return (solution.Changed(events), [.. events], email);
    }

    public static IReadOnlyList<object> Decide(Solution solution, DateTimeOffset now) =>
        solution.AwaitsReview
            ? [new SolutionPublished(solution.Id, now)]
            : throw ReviewDecision.WrongStep(solution, "Seule une version en attente de relecture peut être publiée");
}

internal static class PublishSolutionEndpoint
{
    public static RouteHandlerBuilder MapPublishSolution(this IEndpointRouteBuilder review) =>
        review.MapReviewDecision<PublishSolution>("publication", (command, solutionId) => command with { SolutionId = solutionId })
            .WithSummary("Approuver et publier la version en relecture");
}

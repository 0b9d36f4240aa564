using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Review;

/// <summary>
/// The review queue: by default what awaits review (new submissions and published solutions' edits), oldest sent
/// first, so no supplier waits behind later ones; or the solutions at any other step. With the count at each step.
/// </summary>
public sealed record ListSolutionsForReview(SolutionStatus? Status = null);

/// <summary>The solutions at the step asked for (at most <see cref="ListSolutionsForReviewHandler.MaxRows"/>), and how many are at each step.</summary>
public sealed record ReviewQueue(SolutionStatus Status, IReadOnlyDictionary<SolutionStatus, int> Counts, IReadOnlyList<ReviewQueueRow> Solutions);

public sealed record ReviewQueueRow(
    Guid Id,
    string Title,
    string Supplier,
    EssStatus EssStatus,
    IReadOnlyList<PurchaseCategory> Categories,
    DateTimeOffset LastSentAt,
    SolutionStatus Status,
    bool IsPublished,
    string StatusText);

internal sealed class ListSolutionsForReviewValidator : AbstractValidator<ListSolutionsForReview>
{
    public ListSolutionsForReviewValidator() => RuleFor(query => query.Status).IsInEnum().WithMessage(UnknownStatus);

    public const string UnknownStatus = "Étape inconnue : À relire (AwaitingReview), modifications demandées (ChangesRequested), publiée (Published), refusée (Refused) ou retirée (Unpublished).";
}

public static class ListSolutionsForReviewHandler
{
    public const int MaxRows = 200;

    public static async Task<ReviewQueue> Handle(ListSolutionsForReview query, IQuerySession session, CancellationToken cancellationToken)
    {
        var status = query.Status ?? SolutionStatus.AwaitingReview;
        var steps = await session.Query<Solution>().Select(solution => solution.Status).ToListAsync(cancellationToken);
        var counts = Enum.GetValues<SolutionStatus>().ToDictionary(step => step, step => steps.Count(each => each == step));
        var solutions = await session.Query<Solution>()
            .Where(solution => solution.Status == status)
            .OrderBy(solution => solution.LastSentAt)
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return new ReviewQueue(status, counts, [.. solutions.Select(Row)]);
    }

    private static ReviewQueueRow Row(Solution solution) => new(
        solution.Id,
        solution.Draft.Solution.Title,
        solution.Draft.Supplier.Name,
        solution.Draft.Supplier.EssStatus,
        solution.Draft.Solution.Categories,
        solution.LastSentAt,
        solution.Status,
        solution.IsPublished,
        SolutionLabels.Of(solution.Status, solution.IsPublished));
}

internal static class ListSolutionsForReviewEndpoint
{
    public static RouteHandlerBuilder MapListSolutionsForReview(this IEndpointRouteBuilder review) =>
        review.MapGet("/solutions", async (SolutionStatus? status, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ReviewQueue>(new ListSolutionsForReview(status), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListSolutionsForReview))
            .WithSummary("La file de relecture (par défaut, ce qui attend une relecture, le plus ancien d'abord) ou les solutions à une autre étape")
            .ProducesValidationProblem();
}

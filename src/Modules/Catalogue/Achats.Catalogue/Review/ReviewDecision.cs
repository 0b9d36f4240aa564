using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Catalogue.Review;

/// <summary>
/// The one shape of a staff decision on a solution: <c>POST /review/solutions/{id}/{action}</c> with the decision as
/// body, for programme staff, answered with the solution's new version (ADR 0012: a stale version is a 409).
/// </summary>
internal static class ReviewDecision
{
    public const string VersionRequired = "Indiquez la version de la solution sur laquelle porte votre décision.";
    public const string TextTooLong = "Ce texte ne doit pas dépasser 4000 caractères.";
    public const int MaxText = 4000;

    public static RouteHandlerBuilder MapReviewDecision<TCommand>(
        this IEndpointRouteBuilder review, string action, Func<TCommand, Guid, TCommand> forSolution)
        where TCommand : notnull =>
        review.MapPost($"/solutions/{{solutionId:guid}}/{action}", async (
                Guid solutionId, TCommand command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SolutionChanged>(forSolution(command, solutionId), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(typeof(TCommand).Name)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A decision this step of the solution does not allow: 422, saying where the solution stands.</summary>
    public static RuleViolationException WrongStep(Solution solution, string what) =>
        new("solution-step", $"{what} : elle est « {SolutionLabels.Of(solution.Status, solution.IsPublished)} ».");

    /// <summary>The email a decision sends the solution's contact (templates in <c>Emails/</c>), left through the outbox with its events.</summary>
    public static SendEmail Email(Solution solution, IConfiguration configuration, string template, Func<PublicSite, Dictionary<string, object?>> values)
    {
        var site = PublicSite.From(configuration);
        var all = values(site);
        all["ContactName"] = solution.Contact.Name;
        all["Title"] = solution.Draft.Solution.Title;
        return EmailTemplate.Of(typeof(CatalogueModule).Assembly, template).Render(solution.Contact.Email, solution.Contact.Name, site, all);
    }
}

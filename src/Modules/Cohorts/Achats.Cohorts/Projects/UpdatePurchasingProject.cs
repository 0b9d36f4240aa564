using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Cohorts.Projects;

/// <summary>
/// Updates a purchasing project as it moves on: every field, the milestone first of all. It carries the version the
/// change was made on, so that a change made on a page left open while a colleague updated the project is refused.
/// </summary>
public sealed record UpdatePurchasingProject(
    Guid CohortId,
    Guid ProjectId,
    int Version,
    string Title,
    PurchaseCategory? Category,
    IReadOnlyList<Theme>? Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone? Milestone,
    string? Notes) : IProjectFields;

internal sealed class UpdatePurchasingProjectValidator : AbstractValidator<UpdatePurchasingProject>
{
    public UpdatePurchasingProjectValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0)
            .WithMessage("Indiquez la version du projet sur laquelle porte la mise à jour (celle que vous avez lue).");
        Include(new ProjectFieldsValidator());
    }
}

public static class UpdatePurchasingProjectHandler
{
    public const string NotFound = "Aucun projet d'achat de cette édition ne porte cet identifiant.";

    public static (ProjectChanged, Events) Handle(
        UpdatePurchasingProject command,
        [WriteAggregate(nameof(UpdatePurchasingProject.ProjectId), OnMissing = OnMissing.ThrowException, MissingMessage = NotFound)] PurchasingProject project,
        TimeProvider time)
    {
        var events = Decide(project, command, time.GetUtcNow());
        return (new ProjectChanged(project.Id, project.Version + events.Count), [.. events]);
    }

    public static IReadOnlyList<object> Decide(PurchasingProject? project, UpdatePurchasingProject command, DateTimeOffset now)
    {
        if (project is null || project.CohortId != command.CohortId)
        {
            throw new NotFoundException(NotFound);
        }

        var details = ProjectFieldsValidator.Details(command);
        return details.Equals(project.Details) ? [] : [new PurchasingProjectUpdated(details, now)];
    }
}

internal static class UpdatePurchasingProjectEndpoint
{
    public static RouteHandlerBuilder MapUpdatePurchasingProject(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/projects/{projectId:guid}", async (
                Guid cohortId, Guid projectId, UpdatePurchasingProject command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ProjectChanged>(command with { CohortId = cohortId, ProjectId = projectId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(UpdatePurchasingProject))
            .WithSummary("Mettre à jour un projet d'achat")
            .WithDescription("Avec la version lue (`version`) : une mise à jour faite sur une version dépassée est refusée (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}

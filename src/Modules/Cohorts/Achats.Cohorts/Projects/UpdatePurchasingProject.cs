using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Projects;

/// <summary>Updates a purchasing project as it moves on: every field, the milestone first of all.</summary>
public sealed record UpdatePurchasingProject(
    Guid CohortId,
    Guid ProjectId,
    string Title,
    PurchaseCategory? Category,
    IReadOnlyList<Theme>? Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone? Milestone,
    string? Notes) : IProjectFields;

public sealed class UpdatePurchasingProjectValidator : AbstractValidator<UpdatePurchasingProject>
{
    public UpdatePurchasingProjectValidator() => Include(new ProjectFieldsValidator());
}

public static class UpdatePurchasingProjectHandler
{
    public static async Task<ProjectChanged> Handle(
        UpdatePurchasingProject command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<PurchasingProject>(command.ProjectId, cancellationToken);
        stream.AppendMany(Decide(stream.Aggregate, command, time.GetUtcNow()));
        return new ProjectChanged(command.ProjectId, (int)stream.CurrentVersion!.Value);
    }

    public static IReadOnlyList<object> Decide(PurchasingProject? project, UpdatePurchasingProject command, DateTimeOffset now)
    {
        if (project is null || project.CohortId != command.CohortId)
        {
            throw new NotFoundException("Aucun projet d'achat de cette édition ne porte cet identifiant.");
        }

        var details = ProjectFieldsValidator.Details(command);
        return details.Equals(project.Details) ? [] : [new PurchasingProjectUpdated(details, now)];
    }
}

public static class UpdatePurchasingProjectEndpoint
{
    public static RouteHandlerBuilder MapUpdatePurchasingProject(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/projects/{projectId:guid}", async (
                Guid cohortId, Guid projectId, UpdatePurchasingProject command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ProjectChanged>(command with { CohortId = cohortId, ProjectId = projectId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(UpdatePurchasingProject))
            .WithSummary("Mettre à jour un projet d'achat")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

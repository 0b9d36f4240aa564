using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Projects;

/// <summary>
/// An admitted participant declares a purchasing project; when they work as a pair, the project is the
/// pair's. Staff record it on the participant's word.
/// </summary>
public sealed record DeclarePurchasingProject(
    Guid CohortId,
    Guid EnrolmentId,
    string Title,
    PurchaseCategory? Category,
    IReadOnlyList<Theme>? Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone? Milestone,
    string? Notes) : IProjectFields;

internal sealed class DeclarePurchasingProjectValidator : AbstractValidator<DeclarePurchasingProject>
{
    public DeclarePurchasingProjectValidator()
    {
        RuleFor(command => command.EnrolmentId).NotEmpty().WithMessage("Indiquez le participant qui porte le projet.");
        Include(new ProjectFieldsValidator());
    }
}

/// <summary>What a change to a project answers: the project and the version it is now at.</summary>
public sealed record ProjectChanged(Guid ProjectId, int Version);

public static class DeclarePurchasingProjectHandler
{
    public static async Task<ProjectChanged> Handle(
        DeclarePurchasingProject command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = await session.LoadAsync<RosterMember>(command.EnrolmentId, cancellationToken);
        var declared = Decide(command, owner, Guid.CreateVersion7(), time.GetUtcNow());
        session.Events.StartStream<PurchasingProject>(declared.ProjectId, declared);
        return new ProjectChanged(declared.ProjectId, 1);
    }

    /// <summary>Only a participant on the cohort's roster carries a project; their binôme carries it with them.</summary>
    public static PurchasingProjectDeclared Decide(DeclarePurchasingProject command, RosterMember? owner, Guid projectId, DateTimeOffset now)
    {
        if (owner is not { IsMember: true } || owner.CohortId != command.CohortId)
        {
            throw new RuleViolationException("not-on-roster",
                "Seul un participant admis dans cette édition, et toujours inscrit, porte un projet d'achat.");
        }

        IReadOnlyList<Guid> owners = owner.PairedWith is { } partner ? [owner.Id, partner] : [owner.Id];
        return new PurchasingProjectDeclared(projectId, command.CohortId, owners, ProjectFieldsValidator.Details(command), NamedAtPreRegistration: false, now);
    }
}

internal static class DeclarePurchasingProjectEndpoint
{
    public static RouteHandlerBuilder MapDeclarePurchasingProject(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/projects", async (
                Guid cohortId, DeclarePurchasingProject command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var changed = await bus.InvokeAsync<ProjectChanged>(command with { CohortId = cohortId }, cancellationToken);
                return TypedResults.Created($"/api/cohorts/v1/cohorts/{cohortId}/projects/{changed.ProjectId}", changed);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(DeclarePurchasingProject))
            .WithSummary("Déclarer un projet d'achat")
            .WithDescription("Pour un participant admis (ou son binôme) : intitulé, catégorie, enjeux, date prévue de la procédure, étape, notes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

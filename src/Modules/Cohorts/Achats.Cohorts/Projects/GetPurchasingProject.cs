using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Projects;

/// <summary>One purchasing project of a cohort and its history: what changed, when, and who changed it.</summary>
public sealed record GetPurchasingProject(Guid CohortId, Guid ProjectId);

public sealed record ProjectFile(ProjectView Project, IReadOnlyList<ProjectHistoryEntry> History);

/// <summary>One event of the project, told in French: « Étape : Besoin exprimé → Consultation publiée ».</summary>
public sealed record ProjectHistoryEntry(long Version, DateTimeOffset At, string What, IReadOnlyList<string> Changes, string? Actor);

public static class GetPurchasingProjectHandler
{
    public static async Task<ProjectFile> Handle(GetPurchasingProject query, IQuerySession session, CancellationToken cancellationToken)
    {
        await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var project = await session.LoadAsync<PurchasingProject>(query.ProjectId, cancellationToken);
        if (project is null || project.CohortId != query.CohortId)
        {
            throw new NotFoundException(UpdatePurchasingProjectHandler.NotFound);
        }

        var roster = (await session.RosterOfAsync(query.CohortId, cancellationToken)).ToDictionary(member => member.Id);
        var events = await session.Events.FetchStreamAsync(query.ProjectId, token: cancellationToken);
        List<ProjectHistoryEntry> history = [];
        ProjectDetails? before = null;
        foreach (var recorded in events)
        {
            var (what, changes, after) = Told(recorded.Data, before, roster);
            history.Add(new ProjectHistoryEntry(recorded.Version, recorded.Timestamp, what, changes, recorded.UserName));
            before = after ?? before;
        }

        return new ProjectFile(ListPurchasingProjectsHandler.View(project, roster), history);
    }

    private static (string What, IReadOnlyList<string> Changes, ProjectDetails? After) Told(
        object recorded, ProjectDetails? before, IReadOnlyDictionary<Guid, RosterMember> roster) => recorded switch
    {
        PurchasingProjectDeclared { NamedAtPreRegistration: true } declared => ("Projet nommé à la pré-inscription", [], declared.Details),
        PurchasingProjectDeclared declared => ("Projet déclaré", [], declared.Details),
        PurchasingProjectUpdated updated => ("Projet mis à jour", before is null ? [] : Changes(before, updated.Details), updated.Details),
        ProjectOwnerAdded added => ($"{Name(added.EnrolmentId, roster)} porte aussi le projet", [], null),
        ProjectHandedOver handedOver => ($"Projet repris par {Name(handedOver.ToEnrolmentId, roster)}, à la place de {Name(handedOver.FromEnrolmentId, roster)}", [], null),
        _ => ("Projet modifié", [], null),
    };

    /// <summary>Each field that changed, its old and new value.</summary>
    public static IReadOnlyList<string> Changes(ProjectDetails before, ProjectDetails after)
    {
        List<string> changes = [];
        void Compare(string field, string was, string now)
        {
            if (was != now)
            {
                changes.Add($"{field} : {was} → {now}");
            }
        }

        Compare("Étape", ProjectLabels.Of(before.Milestone), ProjectLabels.Of(after.Milestone));
        Compare("Intitulé", before.Title, after.Title);
        Compare("Catégorie d'achat", PurchaseLabels.Of(before.Category), PurchaseLabels.Of(after.Category));
        Compare("Enjeux", ProjectLabels.Of(before.Themes), ProjectLabels.Of(after.Themes));
        Compare("Date prévue de la procédure", Date(before.ExpectedProcedureOn), Date(after.ExpectedProcedureOn));
        if (before.Notes != after.Notes)
        {
            changes.Add(after.Notes is null ? "Notes effacées" : "Notes modifiées");
        }

        return changes;
    }

    private static string Date(DateOnly? on) => on is { } day ? FrenchDates.Long(day) : "non fixée";

    private static string Name(Guid enrolmentId, IReadOnlyDictionary<Guid, RosterMember> roster) =>
        roster.GetValueOrDefault(enrolmentId)?.Name ?? "un ou une collègue pas encore admis";
}

internal static class GetPurchasingProjectEndpoint
{
    public static RouteHandlerBuilder MapGetPurchasingProject(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapGet("/cohorts/{cohortId:guid}/projects/{projectId:guid}", async (
                Guid cohortId, Guid projectId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ProjectFile>(new GetPurchasingProject(cohortId, projectId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetPurchasingProject))
            .WithSummary("Lire un projet d'achat et son historique")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

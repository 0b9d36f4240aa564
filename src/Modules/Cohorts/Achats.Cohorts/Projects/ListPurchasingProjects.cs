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

/// <summary>The cohort's purchasing projects with who carries them, and the counts that measure the programme's impact.</summary>
public sealed record ListPurchasingProjects(Guid CohortId);

public sealed record ProjectView(
    Guid Id,
    IReadOnlyList<ProjectOwner> Owners,
    string OrganisationName,
    ProjectDetails Details,
    string CategoryLabel,
    string ThemesLabel,
    string MilestoneLabel,
    bool NamedAtPreRegistration,
    bool Active,
    DateTimeOffset DeclaredAt,
    DateTimeOffset UpdatedAt,
    int Version);

public sealed record ProjectOwner(Guid EnrolmentId, string Name, bool IsMember);

public sealed record ProjectsView(Guid CohortId, IReadOnlyList<ProjectView> Projects, ProjectReport Report);

/// <summary>
/// Counts of the active projects (carried by at least one participant still in the cohort): by purchase
/// category, by theme (circular only, solidarity only, both) and by milestone. Every category and milestone
/// is listed, zeros included, so two cohorts compare line by line.
/// </summary>
public sealed record ProjectReport(int Total, IReadOnlyList<ReportLine> ByCategory, IReadOnlyList<ReportLine> ByTheme, IReadOnlyList<ReportLine> ByMilestone)
{
    public static ProjectReport Of(IReadOnlyList<ProjectDetails> projects) => new(
        projects.Count,
        PurchaseLabels.PurchaseCategories.Select(category =>
            new ReportLine(category.Value.ToString(), category.Label, projects.Count(project => project.Category == category.Value))).ToList(),
        [
            new ReportLine("Circular", "Économie circulaire seulement", projects.Count(project => project.Themes is [Theme.Circular])),
            new ReportLine("Solidarity", "Économie sociale et solidaire seulement", projects.Count(project => project.Themes is [Theme.Solidarity])),
            new ReportLine("Both", "Les deux", projects.Count(project => project.Themes.Count == 2)),
        ],
        Enum.GetValues<Milestone>().Select(milestone =>
            new ReportLine(milestone.ToString(), ProjectLabels.Of(milestone), projects.Count(project => project.Milestone == milestone))).ToList());
}

public sealed record ReportLine(string Key, string Label, int Count);

public static class ListPurchasingProjectsHandler
{
    public static async Task<ProjectsView> Handle(ListPurchasingProjects query, IQuerySession session, CancellationToken cancellationToken)
    {
        await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var roster = (await session.RosterOfAsync(query.CohortId, cancellationToken)).ToDictionary(member => member.Id);
        var projects = await session.Query<PurchasingProject>()
            .Where(project => project.CohortId == query.CohortId)
            .OrderBy(project => project.DeclaredAt)
            .ToListAsync(cancellationToken);
        var views = projects.Select(project => View(project, roster)).ToList();
        return new ProjectsView(query.CohortId, views,
            ProjectReport.Of(views.Where(view => view.Active).Select(view => view.Details).ToList()));
    }

    /// <summary>A project as staff read it: its owners by name, their organisation, its labels in French.</summary>
    internal static ProjectView View(PurchasingProject project, IReadOnlyDictionary<Guid, RosterMember> roster)
    {
        var owners = project.Owners.Select(id => roster.GetValueOrDefault(id) is { } member
                ? new ProjectOwner(id, member.Name, member.IsMember)
                : new ProjectOwner(id, "(pas encore admis)", false))
            .ToList();
        var details = project.Details;
        return new ProjectView(project.Id, owners,
            project.Owners.Select(roster.GetValueOrDefault).FirstOrDefault(member => member is not null)?.OrganisationName ?? "",
            details, PurchaseLabels.Of(details.Category), ProjectLabels.Of(details.Themes), ProjectLabels.Of(details.Milestone),
            project.NamedAtPreRegistration, owners.Any(owner => owner.IsMember), project.DeclaredAt, project.UpdatedAt, project.Version);
    }
}

internal static class ListPurchasingProjectsEndpoints
{
    public static IEndpointRouteBuilder MapListPurchasingProjects(this IEndpointRouteBuilder cohorts)
    {
        cohorts.MapGet("/cohorts/{cohortId:guid}/projects", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ProjectsView>(new ListPurchasingProjects(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListPurchasingProjects))
            .WithSummary("Lister les projets d'achat d'une édition, avec leurs décomptes par catégorie, enjeu et étape")
            .ProducesProblem(StatusCodes.Status404NotFound);

        cohorts.MapGet("/cohorts/{cohortId:guid}/projects" + TableExport.Formats, async (Guid cohortId, string format, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var view = await bus.InvokeAsync<ProjectsView>(new ListPurchasingProjects(cohortId), cancellationToken);
                return TableExport.Download(format, "projets-achat", "Projets d'achat",
                    ["Projet", "Catégorie d'achat", "Enjeux", "Date prévue de la procédure", "Étape", "Porteurs", "Structure", "Notes", "Actif", "Déclaré le", "Mis à jour le"],
                    view.Projects.Select(project => (IReadOnlyList<string?>)
                    [
                        project.Details.Title, project.CategoryLabel, project.ThemesLabel,
                        project.Details.ExpectedProcedureOn is { } on ? FrenchDates.Short(on) : null, project.MilestoneLabel,
                        string.Join(", ", project.Owners.Select(owner => owner.Name)), project.OrganisationName, project.Details.Notes,
                        project.Active ? "Oui" : "Non", FrenchDates.Short(project.DeclaredAt.ParisDate()), FrenchDates.Short(project.UpdatedAt.ParisDate()),
                    ]));
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName("ExportPurchasingProjects")
            .WithSummary("Exporter les projets d'achat (CSV ou Excel)")
            .ProducesTable()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return cohorts;
    }
}

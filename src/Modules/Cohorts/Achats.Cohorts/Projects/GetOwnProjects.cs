using Achats.Cohorts.Contracts;
using Marten;

namespace Achats.Cohorts.Projects;

/// <summary>Answers Cohorts.Contracts' <see cref="GetOwnProjects"/>: the projects the enrolment carries in the cohort, oldest first.</summary>
public static class GetOwnProjectsHandler
{
    public static async Task<OwnProjects> Handle(GetOwnProjects query, IQuerySession session, CancellationToken cancellationToken)
    {
        var projects = await session.Query<PurchasingProject>()
            .Where(project => project.CohortId == query.CohortId && project.Owners.Contains(query.EnrolmentId))
            .OrderBy(project => project.DeclaredAt)
            .ToListAsync(cancellationToken);
        return new OwnProjects(projects.Select(project => new OwnProject(project.Id, project.Version, project.Details.Title, project.Details.Category,
            project.Details.Themes, project.Details.ExpectedProcedureOn, project.Details.Milestone, project.Details.Notes, project.UpdatedAt)).ToList());
    }
}

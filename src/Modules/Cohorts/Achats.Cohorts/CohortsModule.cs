using Achats.Cohorts.Attendance;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Projects;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Achats.Cohorts.WorkingGroups;
using JasperFx.Events.Projections;
using Achats.Shared.Access;
using Achats.Shared.Web;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts;

/// <summary>The Cohorts module's wiring: the Host calls these and nothing else of the module.</summary>
public static class CohortsModule
{
    public const string Schema = "cohorts";

    /// <summary>Cohorts' part of the dashboard (participants whose plenary attendance is below the threshold) and its pages in the navigation.</summary>
    public static IServiceCollection AddCohortsModule(this IServiceCollection services) =>
        services.AddPageSection<LowAttendanceSection>(PageSection.Dashboard, 30)
            .AddStaffLink(EditionTexts.Title, "/editions", Policies.ReadProgramme, 12)
            .AddStaffLink(ProgrammeTexts.NavLink, "/programme", Policies.ReadProgramme, 14)
            .AddStaffLink(AttendanceReportTexts.NavLink, "/assiduite", Policies.ReadProgramme, 16)
            .AddStaffLink(WorkingGroupsTexts.NavLink, "/groupes", Policies.ReadProgramme, 18)
            .AddStaffLink(ProjectTexts.NavLink, "/projets", Policies.ReadProgramme, 22);

    public static StoreOptions ConfigureCohorts(this StoreOptions options)
    {
        // Every aggregate is also its own read model, kept inline: staff read what they just wrote.
        options.Projections.Snapshot<Cohort>(SnapshotLifecycle.Inline);
        options.Schema.For<Cohort>().DatabaseSchemaName(Schema);
        options.Projections.Snapshot<AttendanceSheet>(SnapshotLifecycle.Inline);
        options.Schema.For<AttendanceSheet>().DatabaseSchemaName(Schema).Index(sheet => sheet.CohortId);
        options.Projections.Snapshot<PurchasingProject>(SnapshotLifecycle.Inline);
        options.Schema.For<PurchasingProject>().DatabaseSchemaName(Schema).Index(project => project.CohortId);
        options.Projections.Snapshot<WorkingGroupPlan>(SnapshotLifecycle.Inline);
        options.Schema.For<WorkingGroupPlan>().DatabaseSchemaName(Schema);
        // Admissions, withdrawals and the binôme's updates may race: the loser runs again (optimistic concurrency).
        options.Schema.For<RosterMember>().DatabaseSchemaName(Schema).Index(member => member.CohortId).UseOptimisticConcurrency(true);

        options.Events.MapEventType<CohortPlanned>("cohorts.cohort_planned");
        options.Events.MapEventType<CohortDatesChanged>("cohorts.cohort_dates_changed");
        options.Events.MapEventType<LinkedInGroupChanged>("cohorts.linkedin_group_changed");
        options.Events.MapEventType<CohortLaunched>("cohorts.cohort_launched");
        options.Events.MapEventType<CohortClosed>("cohorts.cohort_closed");
        options.Events.MapEventType<SequenceAdded>("cohorts.sequence_added");
        options.Events.MapEventType<SequenceRenamed>("cohorts.sequence_renamed");
        options.Events.MapEventType<SequencesReordered>("cohorts.sequences_reordered");
        options.Events.MapEventType<SessionScheduled>("cohorts.session_scheduled");
        options.Events.MapEventType<SessionChanged>("cohorts.session_changed");
        options.Events.MapEventType<SessionCancelled>("cohorts.session_cancelled");
        options.Events.MapEventType<AttendanceRecorded>("cohorts.attendance_recorded");
        options.Events.MapEventType<PurchasingProjectDeclared>("cohorts.purchasing_project_declared");
        options.Events.MapEventType<PurchasingProjectUpdated>("cohorts.purchasing_project_updated");
        options.Events.MapEventType<ProjectOwnerAdded>("cohorts.project_owner_added");
        options.Events.MapEventType<ProjectHandedOver>("cohorts.project_handed_over");
        options.Events.MapEventType<WorkingGroupsProposed>("cohorts.working_groups_proposed");
        options.Events.MapEventType<WorkingGroupMembersMoved>("cohorts.working_group_members_moved");
        options.Events.MapEventType<WorkingGroupsPublishedOn>("cohorts.working_groups_published");
        return options;
    }

    public static WolverineOptions ConfigureCohorts(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(CohortsModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapCohortsModule(this IEndpointRouteBuilder app)
    {
        var cohorts = app.MapGroup("/api/cohorts/v1").WithTags("Éditions");
        cohorts.MapPlanCohort();
        cohorts.MapGetCohort();
        cohorts.MapListCohorts();
        cohorts.MapChangeCohortDates();
        cohorts.MapSetLinkedInGroup();
        cohorts.MapLaunchCohort();
        cohorts.MapCloseCohort();
        cohorts.MapRoster();
        cohorts.MapAddSequence();
        cohorts.MapRenameSequence();
        cohorts.MapReorderSequences();
        cohorts.MapScheduleSession();
        cohorts.MapChangeSession();
        cohorts.MapCancelSession();
        cohorts.MapRecordAttendance();
        cohorts.MapAttendance();
        cohorts.MapDeclarePurchasingProject();
        cohorts.MapUpdatePurchasingProject();
        cohorts.MapListPurchasingProjects();
        cohorts.MapGetPurchasingProject();
        cohorts.MapProposeWorkingGroups();
        cohorts.MapMoveToWorkingGroup();
        cohorts.MapPublishWorkingGroups();
        cohorts.MapGetWorkingGroups();
        app.MapProgrammeCalendar();
        return app;
    }
}

using Achats.Community.Contracts;
using Achats.Community.Notifications;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Messaging;
using Achats.Shared.Web;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Achats.Community;

/// <summary>The Community module's wiring: the Host calls these and nothing else of the module.</summary>
public static class CommunityModule
{
    public const string Schema = "community";

    /// <summary>The participants' spaces in the staff navigation.</summary>
    public static IServiceCollection AddCommunityModule(this IServiceCollection services) => services
        .AddStaffLink(SpaceTexts.NavLink, CommunitySpaces.Home, Policies.ReadProgramme, 32)
        .AddDailyRun(Notifications.DigestSchedule.From, day => new Notifications.RunDailyDigests(day));

    public static StoreOptions ConfigureCommunity(this StoreOptions options)
    {
        // Spaces: each cohort's space, its members, sessions and groups, kept inline from Cohorts' and Enrolment's messages.
        options.Projections.Snapshot<CohortSpace>(SnapshotLifecycle.Inline);
        options.Schema.For<CohortSpace>().DatabaseSchemaName(Schema);
        options.Events.MapEventType<MemberJoined>("community.member_joined");
        options.Events.MapEventType<SpaceOpened>("community.space_opened");
        options.Events.MapEventType<MemberLeft>("community.member_left");
        options.Events.MapEventType<SpaceArchived>("community.space_archived");
        options.Events.MapEventType<SessionKept>("community.session_kept");
        options.Events.MapEventType<SessionCancellationKept>("community.session_cancellation_kept");
        options.Events.MapEventType<WorkingGroupsKept>("community.working_groups_kept");
        options.Events.MapEventType<LinkedInGroupKept>("community.linkedin_group_kept");

        // Discussions: a stream per thread, kept inline as its document (the pages and the daily digest read it).
        options.Projections.Snapshot<Discussions.DiscussionThread>(SnapshotLifecycle.Inline);
        options.Schema.For<Discussions.DiscussionThread>().DatabaseSchemaName(Schema).Index(thread => thread.CohortId);
        options.Events.MapEventType<Discussions.ThreadStarted>("community.thread_started");
        options.Events.MapEventType<Discussions.ReplyPosted>("community.reply_posted");
        options.Events.MapEventType<Discussions.PostEdited>("community.post_edited");
        options.Events.MapEventType<Discussions.PostReported>("community.post_reported");
        options.Events.MapEventType<Discussions.PostHidden>("community.post_hidden");

        // Directory.
        options.Projections.Snapshot<Directory.DirectoryEntry>(SnapshotLifecycle.Inline);
        options.Schema.For<Directory.DirectoryEntry>().DatabaseSchemaName(Schema);
        options.Events.MapEventType<Directory.DirectoryEntryChanged>("community.directory_entry_changed");
        options.Events.MapEventType<Directory.PartnerKept>("community.partner_kept");
        options.Events.MapEventType<Directory.PartnerDropped>("community.partner_dropped");

        // Resources.
        options.Projections.Snapshot<Resources.SessionResources>(SnapshotLifecycle.Inline);
        options.Schema.For<Resources.SessionResources>().DatabaseSchemaName(Schema).Index(material => material.CohortId);
        options.Storage.ExtendedSchemaObjects.Add(Resources.ResourceFiles.FilesTable());
        options.Events.MapEventType<Resources.DocumentAttached>("community.document_attached");
        options.Events.MapEventType<Resources.LinkAttached>("community.link_attached");
        options.Events.MapEventType<Resources.ResourceRemoved>("community.resource_removed");
        options.Events.MapEventType<Resources.PreparationWritten>("community.preparation_written");
        options.Events.MapEventType<Resources.PresentedSolutionsKept>("community.presented_solutions_kept");
        options.Projections.Snapshot<Announcements.Announcement>(SnapshotLifecycle.Inline);
        options.Schema.For<Announcements.Announcement>().DatabaseSchemaName(Schema).Index(announcement => announcement.CohortId);
        options.Events.MapEventType<Announcements.AnnouncementPosted>("community.announcement_posted");
        options.Events.MapEventType<Announcements.AnnouncementEdited>("community.announcement_edited");
        options.Events.MapEventType<Announcements.AnnouncementWithdrawn>("community.announcement_withdrawn");

        // Notifications.
        options.Schema.For<Notifications.DigestSubscription>().DatabaseSchemaName(Schema);
        options.Schema.For<Notifications.DigestOptOutLink>().DatabaseSchemaName(Schema);
        options.Schema.For<Notifications.DigestRun>().DatabaseSchemaName(Schema);
        options.Schema.For<Notifications.DigestSent>().DatabaseSchemaName(Schema).Index(sent => sent.EnrolmentId);

        return options;
    }

    public static WolverineOptions ConfigureCommunity(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(CommunityModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapCommunityModule(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/api/community/v1").WithTags("Community");

        // Spaces.
        community.MapGetSpace();

        // Discussions.
        Discussions.DiscussionEndpoints.Map(community);

        // Directory.
        Directory.GetDirectoryEndpoints.MapGetDirectory(community);
        Directory.UpdateDirectoryEntryEndpoint.MapUpdateDirectoryEntry(community);

        // Resources.
        Resources.GetResourcesEndpoint.MapGetResources(community);
        Resources.AttachLinkEndpoint.MapAttachLink(community);
        Resources.AttachDocumentEndpoint.MapAttachDocument(community);
        Resources.RemoveResourceEndpoint.MapRemoveResource(community);
        Resources.WritePreparationEndpoint.MapWritePreparation(community);
        Resources.DownloadResourceEndpoint.MapDownloadResource(app, community);
        Announcements.GetAnnouncementsEndpoint.MapGetAnnouncements(community);
        Announcements.PostAnnouncementEndpoint.MapPostAnnouncement(community);
        Announcements.EditAnnouncementEndpoint.MapEditAnnouncement(community);
        Announcements.WithdrawAnnouncementEndpoint.MapWithdrawAnnouncement(community);

        // My project.
        MyProject.MyProjectEndpoints.MapMyProject(community);

        // Notifications.
        community.MapDigestSubscription();

        return app;
    }
}

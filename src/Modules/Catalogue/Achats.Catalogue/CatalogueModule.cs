using Achats.Catalogue.Matchmaking;
using Achats.Catalogue.Review;
using Achats.Catalogue.Search;
using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Shared.Web;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Achats.Catalogue;

/// <summary>The Catalogue module's wiring: the Host calls these and nothing else of the module.</summary>
public static class CatalogueModule
{
    public const string Schema = "catalogue";

    /// <summary>The review queue and the matchmaking sessions in the staff navigation.</summary>
    public static IServiceCollection AddCatalogueModule(this IServiceCollection services) => services
        .AddStaffLink(MatchmakingTexts.NavLink, "/catalogue/mise-en-relation", Policies.ReadProgramme, 28)
        .AddStaffLink(ReviewTexts.NavLink, "/catalogue/relecture", Policies.ReadProgramme, 30);

    public static StoreOptions ConfigureCatalogue(this StoreOptions options)
    {
        // A solution is also its staff read model, kept inline: staff review what they just decided.
        options.Projections.Snapshot<Solution>(SnapshotLifecycle.Inline);
        options.Schema.For<Solution>().DatabaseSchemaName(Schema);
        options.Schema.For<SupplierLink>().DatabaseSchemaName(Schema).Index(link => link.SolutionId);

        options.Events.MapEventType<SolutionSubmitted>("catalogue.solution_submitted");
        options.Events.MapEventType<SolutionRevised>("catalogue.solution_revised");
        options.Events.MapEventType<ChangesRequested>("catalogue.changes_requested");
        options.Events.MapEventType<SolutionPublished>("catalogue.solution_published");
        options.Events.MapEventType<SolutionRefused>("catalogue.solution_refused");
        options.Events.MapEventType<SolutionUnpublished>("catalogue.solution_unpublished");

        // Submission: the documents of submissions waiting for their contact's confirmation.
        options.Schema.For<Submission.PendingSubmission>().DatabaseSchemaName(Schema).Index(pending => pending.Email);

        // Search: the published catalogue, one public document per solution with its weighted French search (ADR 0051).
        options.Projections.Add<CatalogueEntryProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<CatalogueEntry>().DatabaseSchemaName(Schema)
            .Duplicate(entry => entry.PublishedAt)
            .GinIndexJsonData();
        options.Storage.Add(new CatalogueSearchIndex());

        // Matchmaking: its sessions and invitations.
        options.Projections.Snapshot<MatchmakingSession>(SnapshotLifecycle.Inline);
        options.Schema.For<MatchmakingSession>().DatabaseSchemaName(Schema);
        options.Schema.For<InvitationLink>().DatabaseSchemaName(Schema);
        options.Events.MapEventType<MatchmakingSessionKept>("catalogue.matchmaking_session_kept");
        options.Events.MapEventType<SuppliersInvited>("catalogue.suppliers_invited");
        options.Events.MapEventType<InvitationAnswered>("catalogue.invitation_answered");
        options.Events.MapEventType<MatchmakingSessionCancelled>("catalogue.matchmaking_session_cancelled");

        return options;
    }

    public static WolverineOptions ConfigureCatalogue(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(CatalogueModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapCatalogueModule(this IEndpointRouteBuilder app)
    {
        var catalogue = app.MapGroup("/api/catalogue/v1").WithTags("Catalogue");

        // Submission (the supplier's side).
        Submission.SubmitSolutionEndpoint.MapSubmitSolution(catalogue);

        // Review (staff).
        var review = catalogue.MapGroup("/review");
        review.MapListSolutionsForReview();
        review.MapGetSolutionForReview();
        review.MapPublishSolution();
        review.MapRequestChanges();
        review.MapRefuseSolution();
        review.MapUnpublishSolution();

        // The published catalogue (public).
        catalogue.MapSearchCatalogue();
        catalogue.MapGetCatalogueSolution();

        // Matchmaking (staff, and the invited suppliers' answers).
        catalogue.MapListMatchmakingSessions();
        catalogue.MapGetMatchmakingSession();
        catalogue.MapInviteSuppliers();

        return app;
    }
}

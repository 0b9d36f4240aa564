using Achats.Charter.Charters;
using Achats.Charter.Signatures;
using JasperFx.Events.Projections;
using Achats.Shared.Access;
using Achats.Shared.Web;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter;

/// <summary>The Charter module's wiring: the Host calls these and nothing else of the module.</summary>
public static class CharterModule
{
    public const string Schema = "charter";

    /// <summary>
    /// Charter's parts of the staff pages: its entry in the navigation, an enrolment's signature state, the
    /// dashboard's lapsed re-signatures.
    /// </summary>
    public static IServiceCollection AddCharterModule(this IServiceCollection services) => services
        .AddStaffLink(CharterPageTexts.NavLink, "/charte", Policies.ReadProgramme, 24)
        .AddPageSection<SignatureStateSection>(PageSection.Enrolment, 20)
        .AddPageSection<LapsedResignaturesSection>(PageSection.Dashboard, 20);

    public static StoreOptions ConfigureCharter(this StoreOptions options)
    {
        options.Projections.Snapshot<Charters.CohortCharter>(SnapshotLifecycle.Inline);
        // Its table keeps the name it had when the type was called Charter.
        options.Schema.For<Charters.CohortCharter>().DatabaseSchemaName(Schema).DocumentAlias("charter").UniqueIndex(charter => charter.CohortId);
        options.Projections.Snapshot<SignatureFile>(SnapshotLifecycle.Inline);
        options.Schema.For<SignatureFile>().DatabaseSchemaName(Schema)
            .Index(file => file.CohortId)
            .UniqueIndex(file => file.EnrolmentId)
            .Index(file => file.ActiveTokenHash!);

        options.Events.MapEventType<CharterDraftSaved>("charter.draft_saved");
        options.Events.MapEventType<CharterVersionPublished>("charter.version_published");
        options.Events.MapEventType<SignatureRequested>("charter.signature_requested");
        options.Events.MapEventType<SigningLinkIssued>("charter.signing_link_issued");
        options.Events.MapEventType<SigningLinkVoided>("charter.signing_link_voided");
        options.Events.MapEventType<CharterSignatureRecorded>("charter.signature_recorded");
        options.Events.MapEventType<CharterSignedOnPaper>("charter.signed_on_paper");
        options.Events.MapEventType<SignatureRevoked>("charter.signature_revoked");
        options.Events.MapEventType<ParticipantLeft>("charter.participant_left");
        options.Events.MapEventType<ResignatureRequested>("charter.resignature_requested");
        return options;
    }

    public static WolverineOptions ConfigureCharter(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(CharterModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapCharterModule(this IEndpointRouteBuilder app)
    {
        var charter = app.MapGroup("/api/charter/v1").WithTags("Charte d'engagement");
        charter.MapSaveCharterDraft();
        charter.MapPublishCharterVersion();
        charter.MapGetCharter();
        charter.MapIssueSigningLink();
        charter.MapRecordPaperSignature();
        charter.MapRevokeSignature();
        charter.MapGetResignatureReport();
        return app;
    }
}

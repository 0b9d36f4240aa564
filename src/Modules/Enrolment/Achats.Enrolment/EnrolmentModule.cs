using Achats.Enrolment.Enrolments;
using Achats.Enrolment.Memberships;
using Achats.Enrolment.OpenCohorts;
using Achats.Enrolment.Organisations;
using JasperFx.Events.Projections;
using Achats.Enrolment.Dashboard;
using Achats.Shared.Replay;
using Achats.Shared.Access;
using Achats.Shared.Web;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment;

/// <summary>The Enrolment module's wiring: the Host calls these and nothing else of the module.</summary>
public static class EnrolmentModule
{
    public const string Schema = "enrolment";

    /// <summary>The enrolment desk's entries in the staff navigation.</summary>
    public static IServiceCollection AddEnrolmentModule(this IServiceCollection services) => services
        .AddStaffLink(DashboardTexts.DashboardLink, "/tableau-de-bord", Policies.ReadProgramme, 10)
        .AddStaffLink(DashboardTexts.EnrolmentsLink, "/inscriptions", Policies.ReadProgramme, 20)
        .AddStaffLink(DashboardTexts.PartnersLink, "/partenaires", Policies.ReadProgramme, 40)
        .AddScoped<IReadModelReplay, Enrolments.ReplayRoster>();

    public static StoreOptions ConfigureEnrolment(this StoreOptions options)
    {
        options.Schema.For<OpenCohort>().DatabaseSchemaName(Schema);
        options.Schema.For<Registrant>().DatabaseSchemaName(Schema);
        options.Schema.For<MyEnrolment.SignInLink>().DatabaseSchemaName(Schema)
            .UniqueIndex(link => link.TokenHash)
            .Index(link => link.Email)
            .UseOptimisticConcurrency(true);
        options.Schema.For<RepeatedPreRegistration>().DatabaseSchemaName(Schema);
        options.Storage.ExtendedSchemaObjects.Add(EnrolmentReferences.CountersTable());
        options.Schema.For<MembershipAttestation>().DatabaseSchemaName(Schema)
            .Index(attestation => attestation.Siren);
        // The enrolment itself is the staff read model: kept inline, in the transaction that appends its events.
        options.Projections.Snapshot<Enrolments.EnrolmentFile>(SnapshotLifecycle.Inline);
        // Its table keeps the name it had when the type was called Enrolment.
        options.Schema.For<Enrolments.EnrolmentFile>().DatabaseSchemaName(Schema).DocumentAlias("enrolment")
            .Index(enrolment => enrolment.CohortId)
            .Index(enrolment => enrolment.Organisation.Siren!)
            .Index(enrolment => enrolment.SubmittedAt)
            // The list's search and sort keys in columns of their own: a search scans one short column of a cohort's
            // rows (5,000) rather than each document's JSON, and a sort by name reads an index.
            .Duplicate(enrolment => enrolment.SearchText)
            .Duplicate(enrolment => enrolment.SortName)
            .Duplicate(enrolment => enrolment.SortOrganisation)
            .Duplicate(enrolment => enrolment.StatusRank);

        options.Events.MapEventType<PreRegistrationSubmitted>("enrolment.pre_registration_submitted");
        options.Events.MapEventType<EligibilityAssessed>("enrolment.eligibility_assessed");
        options.Events.MapEventType<EligibilityOverridden>("enrolment.eligibility_overridden");
        options.Events.MapEventType<InformationRequested>("enrolment.information_requested");
        options.Events.MapEventType<PreRegistrationValidated>("enrolment.pre_registration_validated");
        options.Events.MapEventType<PreRegistrationRejected>("enrolment.pre_registration_rejected");
        options.Events.MapEventType<EnrolmentAdmitted>("enrolment.admitted");
        options.Events.MapEventType<EnrolmentWithdrawn>("enrolment.withdrawn");
        options.Events.MapEventType<ParticipantReplaced>("enrolment.participant_replaced");
        options.Events.MapEventType<PairDeclared>("enrolment.pair_declared");
        options.Events.MapEventType<PairDissolved>("enrolment.pair_dissolved");
        options.Events.MapEventType<PurchasingProjectJoined>("enrolment.purchasing_project_joined");
        options.Events.MapEventType<InformationRequestAnswered>("enrolment.information_request_answered");
        options.Events.MapEventType<ParticipantDetailsCorrected>("enrolment.participant_details_corrected");
        options.Events.MapEventType<OrganisationCorrected>("enrolment.organisation_corrected");
        options.Events.MapEventType<PurchasingProjectUpdated>("enrolment.purchasing_project_updated");
        options.Events.MapEventType<PairProposed>("enrolment.pair_proposed");
        return options;
    }

    public static WolverineOptions ConfigureEnrolment(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(EnrolmentModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapEnrolmentModule(this IEndpointRouteBuilder app)
    {
        var enrolment = app.MapGroup("/api/enrolment/v1").WithTags("Inscriptions");
        enrolment.MapListOpenCohorts();
        enrolment.MapSubmitPreRegistration();
        enrolment.MapGetOrganisation();
        enrolment.MapListEnrolments();
        enrolment.MapExportEnrolments();

        var enrolments = enrolment.MapGroup("/enrolments");
        enrolments.MapGetEnrolment();
        enrolments.MapGetEnrolmentTimeline();
        enrolments.MapValidatePreRegistration();
        enrolments.MapRejectPreRegistration();
        enrolments.MapRequestInformation();
        enrolments.MapOverrideEligibility();
        enrolments.MapWithdrawEnrolment();
        enrolments.MapReplaceParticipant();
        enrolments.MapDeclarePair();
        enrolments.MapDissolvePair();
        enrolments.MapJoinColleagueProject();

        var partners = app.MapGroup("/api/partners/v1").WithTags("Partenaires");
        partners.MapAttestMembership();
        partners.MapWithdrawMembership();
        partners.MapListAttestations();
        return app;
    }
}

using Achats.Audit.Chain;
using Achats.Audit.Erasure;
using Achats.Audit.Export;
using Achats.Shared.Access;
using Achats.Shared.Messaging;
using Achats.Shared.Web;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Achats.Audit;

/// <summary>
/// The Audit module's wiring: the hash chain of every module's events and its seals, its verification, and the
/// auditor's tools (ADR 0058). It reads every module's events as stored, never their documents.
/// </summary>
public static class AuditModule
{
    public const string Schema = "audit";

    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        // Chain.
        services.AddPageSection<IntegritySection>(PageSection.Enrolment, 90)
            .AddDailyRun(RunDailyAudit.Schedule, day => new RunDailyAudit(day));

        // Replay.
        services.AddSingleton<Replay.Snapshots>();

        // Auditor pages and export.
        services.AddStaffLink(Export.CohortAuditTexts.NavLink, "/audit", Policies.ReadProgramme, 60)
            .AddStaffLink(AccessLog.AccessLogTexts.NavLink, "/journal-des-acces", Policies.ManageAccess, 92);

        // Erasure and retention.
        services.AddPageSection<ErasureSection>(PageSection.Enrolment, 95);

        return services;
    }

    /// <summary>Called after every other module's: the chain reads the personal fields of every event type mapped by then.</summary>
    public static StoreOptions ConfigureAudit(this StoreOptions options)
    {
        var personalFields = ((EventGraph)options.Events).AllKnownEventTypes()
            .ToDictionary(type => type.EventTypeName, type => PersonalFields.Of(type.EventType), StringComparer.Ordinal);
        options.Storage.Add(new EventChain(personalFields));
        options.Schema.For<AuditRun>().DatabaseSchemaName(Schema);

        // Replay.

        // Auditor pages and export.
        options.Schema.For<Export.AuditExportRecord>().DatabaseSchemaName(Schema).Index(export => export.CohortId);
        options.Schema.For<AccessLog.PersonalDataReadEntry>().DatabaseSchemaName(Schema).Index(read => read.At);

        // Erasure and retention.
        options.Schema.For<Contracts.ErasureRecord>().DatabaseSchemaName(Schema);

        return options;
    }

    public static WolverineOptions ConfigureAudit(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(AuditModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit/v1").WithTags("Audit");

        // Replay.

        // Auditor pages and export.
        audit.MapExportCohort();

        // Erasure and retention.
        audit.MapErasePerson();

        return app;
    }

    /// <summary>Whether the command line asks for an audit command (<c>audit …</c>).</summary>
    public static bool HandlesCommand(string[] args) => AuditCommand.Handles(args);

    /// <summary>Whether the command line asks for an audit command that runs without the database (<c>audit verify-export</c>).</summary>
    public static bool HandlesOfflineCommand(string[] args) => Export.VerifyExportCommand.Handles(args);

    /// <summary>Runs an offline audit command; the exit code of the process.</summary>
    public static Task<int> RunOfflineCommandAsync(string[] args) => Export.VerifyExportCommand.RunAsync(args);

    /// <summary>Runs the <c>audit</c> command on the built application; the exit code of the process.</summary>
    public static Task<int> RunCommandAsync(IHost app, string[] args) => AuditCommand.RunAsync(app, args);
}

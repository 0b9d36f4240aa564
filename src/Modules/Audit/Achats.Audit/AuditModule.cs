using Achats.Audit.Chain;
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

        // Replay.
        services.AddSingleton<Replay.Snapshots>();

        // Auditor pages and export.

        // Erasure and retention.

        return services;
    }

    /// <summary>Called after every other module's: the chain reads the personal fields of every event type mapped by then.</summary>
    public static StoreOptions ConfigureAudit(this StoreOptions options)
    {
        var personalFields = ((EventGraph)options.Events).AllKnownEventTypes()
            .ToDictionary(type => type.EventTypeName, type => PersonalFields.Of(type.EventType), StringComparer.Ordinal);
        options.Storage.Add(new EventChain(personalFields));

        // Replay.

        // Auditor pages and export.

        // Erasure and retention.

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

        // Erasure and retention.

        return app;
    }

    /// <summary>Whether the command line asks for an audit command (<c>audit …</c>).</summary>
    public static bool HandlesCommand(string[] args) => AuditCommand.Handles(args);

    /// <summary>Runs the <c>audit</c> command on the built application; the exit code of the process.</summary>
    public static Task<int> RunCommandAsync(IHost app, string[] args) => AuditCommand.RunAsync(app, args);
}

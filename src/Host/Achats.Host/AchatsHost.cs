using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Achats.Access;
using Achats.Audit;
using Achats.Catalogue;
using Achats.Community;
using Achats.Charter;
using Achats.Cohorts;
using Achats.Enrolment;
using Achats.Host.Database;
using Achats.Host.Email;
using Achats.Host.Health;
using Achats.Host.Web;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using Achats.Shared.Validation;
using Achats.Shared.Web;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace Achats.Host;

/// <summary>The composition root: each module brings its own wiring, the Host only calls it.</summary>
public static class AchatsHost
{
    public const string EventsSchema = "events";
    public const string MessagesSchema = "wolverine";

    public static void ConfigureLogging(ILoggingBuilder logging, IHostEnvironment environment)
    {
        logging.ClearProviders();
        // Marten logs a failed command with its parameters (emails, names) at Error, even an expected concurrency
        // refusal that becomes a 409. Failures still reach the log, without parameters, through the problem-details handler.
        logging.AddFilter("Marten.IDocumentStore", LogLevel.None);
        if (environment.IsDevelopment())
        {
            logging.AddSimpleConsole(console => console.SingleLine = true);
        }
        else
        {
            logging.AddJsonConsole(console =>
            {
                console.IncludeScopes = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "O";
                // French messages stay readable: no \u00E9 for é.
                console.JsonWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
    }

    /// <summary>
    /// The whole application: a web host then maps it with <see cref="UseAchats"/>; a plain host (an admin command)
    /// runs its handlers without serving anything.
    /// </summary>
    public static TBuilder AddAchats<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ConfigureLogging(builder.Logging, builder.Environment);
        // No "Server: Kestrel": nothing tells a visitor what runs behind the site.
        var services = builder.Services;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddReverseProxyHeaders(builder.Configuration);
        services.AddSingleton(TimeProvider.System);
        // Before the problem-details writers: a browser is answered with a French page, an API client with JSON.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, HtmlProblems>();
        services.AddAchatsProblemDetails();
        services.AddRouteIds();
        services.AddRazorComponents();
        // French stays readable in the pages' source: only what HTML needs is escaped, not é or à.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAccessModule(builder.Environment, builder.Configuration);
        services.AddEnrolmentModule();
        services.AddCohortsModule();
        services.AddCharterModule();
        services.AddCatalogueModule();
        services.AddCommunityModule();
        services.AddAuditModule();
        services.AddHttpContextAccessor();
        services.AddPublicFormProtection(builder.Configuration);
        services.AddAchatsEmail(builder.Configuration);
        services.ConfigureHttpJsonOptions(json =>
        {
            // An enum is named, never numbered, and never guessed: a missing one is an error, not its first value.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            json.SerializerOptions.TypeInfoResolver = (json.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(RequiredEnums);
            // {"partner":"Inec","partner":"ObsAR"} says two things: refused rather than the last one winning.
            json.SerializerOptions.AllowDuplicateProperties = false;
            // French messages stay readable in JSON answers too: "é", not "\u00E9" (JSON is never inlined into a page here).
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi(ApiDocuments.Main, ApiDocuments.ConfigureMain);
        services.AddOpenApi(ApiDocuments.Partners, ApiDocuments.ConfigurePartners);
        services.AddSingleton<DatabaseReadiness>();
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("postgresql", tags: [DatabaseReadiness.Tag]);

        services.AddMarten(options =>
            {
                options.Connection(AchatsDatabase.ConnectionString(builder.Configuration));
                // Enums stored by name: an auditor reading the events reads "Validated", not 2.
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Events.DatabaseSchemaName = EventsSchema;
                options.Events.UseMandatoryStreamTypeDeclaration = true;
                // Who acted, why and in which flow: auditors replay the history from these (ADR 0002).
                options.Events.MetadataConfig.EnableAll();
                options.Events.MetadataConfig.UserNameEnabled = true;
                // Every document type is registered by its module, so its table is built at start-up with the
                // rest; an unregistered type fails loudly instead of creating a table on first use.
                options.AutoCreateSchemaObjects = AutoCreate.None;
                options.ConfigureAccess();
                options.ConfigureCohorts();
                options.ConfigureEnrolment();
                options.ConfigureCharter();
                options.ConfigureCatalogue();
                options.ConfigureCommunity();
                // Last: the chain reads the personal fields of every event type mapped by then.
                options.ConfigureAudit();
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(integration =>
            {
                integration.MessageStorageSchemaName = MessagesSchema;
                integration.AutoCreate = AutoCreate.CreateOrUpdate;
            })
            .ApplyAllDatabaseChangesOnStartup();

        builder.UseWolverine(options =>
        {
            // The generated handler code lives here, whatever assembly (a test runner) started the process.
            options.ApplicationAssembly = typeof(AchatsHost).Assembly;
            options.Discovery.IncludeType(typeof(SendEmailHandler));
            options.ConfigureAccess();
            options.ConfigureCohorts();
            options.ConfigureEnrolment();
            options.ConfigureCharter();
            options.ConfigureCatalogue();
            options.ConfigureCommunity();
            options.ConfigureAudit();
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            options.Durability.MessageIdentity = MessageIdentity.IdAndDestination;
            options.Durability.MessageStorageSchemaName = MessagesSchema;
            // A dead node's messages (a crash, or the node before a restart) are handled again within seconds, not
            // after Wolverine's default minute (ADR 0040): each node writes its heartbeat every second, a node silent
            // for 6 s is ejected, which releases its messages, its agents (the durability agent among them) are
            // placed again within 5 s, and the durability agent looks for released messages every second.
            options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
            options.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
            options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(6);
            options.Durability.ScheduledJobFirstExecution = TimeSpan.FromMilliseconds(500);
            options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
            options.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(5);
            options.UseFluentValidation();
            // A write that collided with one committed meanwhile (the same document key, the same new stream) is
            // run once more: the handler then reads the other write and answers as for any duplicate.
            options.Policies.OnException<DocumentAlreadyExistsException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>().RetryTimes(1);
            options.RecordActors();
            // Wolverine would log a failed message whole, personal data included; the failure itself is
            // answered (problem details) or retried and dead-lettered, each logged without the message body.
            options.Policies.MessageFailureLogLevel(LogLevel.Debug);
            ContractMessageNaming.Register();
#if !RUNTIME_CODEGEN
            // Release runs on the handler code committed in Internal/Generated: no Roslyn at run time (ADR 0004).
            options.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;
#endif
        });
        return builder;
    }

    /// <summary>A non-nullable enum a request can set must be sent: its default would silently pick the first value.</summary>
    private static void RequiredEnums(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType.IsEnum && (property.Set is not null || property.AssociatedParameter is not null))
            {
                property.IsRequired = true;
            }
        }
    }

    public static WebApplication UseAchats(this WebApplication app)
    {
        app.UseReverseProxyHeaders();
        app.UseSecurityHeaders(app.Environment);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UsePublicFormLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseExpiredFormProblem();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(scalar => scalar.AddDocuments(ApiDocuments.Main, ApiDocuments.Partners)).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(DatabaseReadiness.Tag) })
            .AllowAnonymous();

        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies(PageAssemblies.Modules)
            .Add(page =>
            {
                // The framework's own endpoint (enhanced navigation's redirects) says nothing: it is for signed-in staff.
                if (!page.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any()
                    && !page.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
                {
                    page.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute());
                }
            });
        app.MapCohortSelection();
        app.MapAccessModule();
        app.MapCohortsModule();
        app.MapEnrolmentModule();
        app.MapCharterModule();
        app.MapCatalogueModule();
        app.MapCommunityModule();
        app.MapAuditModule();
        return app;
    }
}

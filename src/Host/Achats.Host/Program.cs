using Achats.Access;
using Achats.Audit;
using Achats.Host;
using Achats.Host.Database;
using JasperFx;

// An offline audit command reads a file only: no database, no host.
if (AuditModule.HandlesOfflineCommand(args))
{
    return await AuditModule.RunOfflineCommandAsync(args);
}

// An admin command runs the application's own handlers in a plain host: no web server, no pages, no port.
if (AccessModule.HandlesCommand(args) || AuditModule.HandlesCommand(args))
{
    var commandBuilder = Host.CreateApplicationBuilder(args);
    return await WithDatabaseAsync(commandBuilder.Configuration, commandBuilder.Environment, useRunningServer: true, async () =>
    {
        using var command = commandBuilder.AddAchats().Build();
        return AccessModule.HandlesCommand(args) ? await AccessModule.RunCommandAsync(command, args) : await AuditModule.RunCommandAsync(command, args);
    });
}

var builder = WebApplication.CreateBuilder(args);
return await WithDatabaseAsync(builder.Configuration, builder.Environment, useRunningServer: false, async () =>
{
    var app = builder.AddAchats().Build();
    app.UseAchats();
    return await app.RunJasperFxCommands(args);
});

// Runs with the embedded PostgreSQL when no server is configured; a short command shares one another run has started.
static async Task<int> WithDatabaseAsync(ConfigurationManager configuration, IHostEnvironment environment, bool useRunningServer, Func<Task<int>> run)
{
    using var startupLogging = LoggerFactory.Create(logging => AchatsHost.ConfigureLogging(logging, environment));
    EmbeddedPostgres? embedded;
    try
    {
        embedded = await AchatsDatabase.StartEmbeddedUnlessConfiguredAsync(
            configuration, startupLogging.CreateLogger(typeof(EmbeddedPostgres)), useRunningServer);
    }
    catch (EmbeddedPostgresException failure)
    {
        await Console.Error.WriteLineAsync(failure.Message);
        return 2;
    }

    await using (embedded)
    {
        return await run();
    }
}

/// <summary>The entry point, visible to the test host factory.</summary>
public partial class Program;

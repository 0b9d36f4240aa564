using Achats.Access;
using Achats.Host;
using Achats.Host.Database;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
using var startupLogging = LoggerFactory.Create(logging => AchatsHost.ConfigureLogging(logging, builder.Environment));

EmbeddedPostgres? embedded;
try
{
    embedded = await AchatsDatabase.StartEmbeddedUnlessConfiguredAsync(
        builder.Configuration, startupLogging.CreateLogger(typeof(EmbeddedPostgres)));
}
catch (EmbeddedPostgresException failure)
{
    await Console.Error.WriteLineAsync(failure.Message);
    return 2;
}

await using (embedded)
{
    if (AccessModule.HandlesCommand(args))
    {
        // A command runs the application's own handlers, without taking the web port.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
    }

    builder.AddAchats();
    var app = builder.Build();
    app.UseAchats();
    return AccessModule.HandlesCommand(args)
        ? await AccessModule.RunCommandAsync(app, args)
        : await app.RunJasperFxCommands(args);
}

/// <summary>The entry point, visible to the test host factory.</summary>
public partial class Program;

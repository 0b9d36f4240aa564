using System.Diagnostics;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Hosting;

/// <summary>
/// Several processes on one embedded cluster (ADR 0039): a live process's server is never stopped by another; an
/// admin command uses it, without a web host; a second host refuses in French; a server left by a killed process is
/// stopped and started afresh.
/// </summary>
public sealed class SharedEmbeddedDatabaseTests : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "achats-host-tests", Guid.CreateVersion7().ToString("N"));

    private Dictionary<string, string> Environment => new() { ["EmbeddedPostgres__DataDirectory"] = _dataFolder };

    private string Cluster => Path.Combine(_dataFolder, "cluster");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_admin_command_uses_the_running_server_without_a_web_host_and_leaves_it_running()
    {
        await using var running = HostProcess.Start(HostProcess.HostDll(Configuration), Environment);
        (await running.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(running.Output);

        await using (var command = HostProcess.Start(HostProcess.HostDll(Configuration), Environment,
            ["admin", "create", "--email", RunningTheHostTests.AdministratorEmail, "--name", "Alice Administratrice"], StaffSignIn.Password))
        {
            (await command.WaitForExitAsync(StartTimeout)).ShouldBe(0, command.Output);
            command.Output.ShouldContain("déjà lancé par une autre exécution");
            command.Output.ShouldNotContain("laissé par une exécution");
            command.Output.ShouldNotContain("Now listening on", customMessage: "an admin command starts no web server");
        }

        // The running host kept its server, and it is the one the command wrote to.
        (await running.WaitUntilReadyAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue(running.Output);
        using var administrator = running.CreateBrowserClient();
        await StaffSignIn.SignInAsync(administrator, RunningTheHostTests.AdministratorEmail);

        running.Terminate();
        (await running.WaitForExitAsync(StopTimeout)).ShouldBe(0, running.Output);
        HostProcess.ProcessesMentioning(Cluster).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_second_host_on_the_same_folder_refuses_in_French_and_the_first_keeps_running()
    {
        await using var first = HostProcess.Start(HostProcess.HostDll(Configuration), Environment);
        (await first.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(first.Output);

        await using (var second = HostProcess.Start(HostProcess.HostDll(Configuration), Environment))
        {
            (await second.WaitForExitAsync(StartTimeout)).ShouldBe(2, second.Output);
            second.Output.ShouldContain("est utilisé par une autre exécution d'Achats, toujours en cours");
            second.Output.ShouldContain("EmbeddedPostgres__DataDirectory");
        }

        (await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue(first.Output);
    }

    [Fact]
    public async Task A_server_left_by_a_killed_host_is_stopped_and_started_afresh()
    {
        await using (var killed = HostProcess.Start(HostProcess.HostDll(Configuration), Environment))
        {
            (await killed.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(killed.Output);
            using var process = Process.GetProcessById(killed.Id);
            process.Kill(); // SIGKILL: the host cannot stop its server
            await killed.WaitForExitAsync(StopTimeout);
        }

        HostProcess.ProcessesMentioning(Cluster).ShouldNotBeEmpty("the killed host's server is left running");

        await using var next = HostProcess.Start(HostProcess.HostDll(Configuration), Environment);
        (await next.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(next.Output);
        next.Output.ShouldContain("Un serveur PostgreSQL laissé par une exécution interrompue est arrêté.");
        next.Terminate();
        (await next.WaitForExitAsync(StopTimeout)).ShouldBe(0, next.Output);
        HostProcess.ProcessesMentioning(Cluster).ShouldBeEmpty();
    }
}

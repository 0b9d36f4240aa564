using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Hosting;

/// <summary>
/// The Host as an operator runs it: <c>dotnet Achats.Host.dll</c> in a process of its own, with the
/// embedded PostgreSQL when nothing is configured, stopped by SIGTERM or Ctrl-C (SIGINT).
/// </summary>
public sealed class RunningTheHostTests(PostgresServer postgres) : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    internal const string AdministratorEmail = "alice.admin@achats.test";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "achats-host-tests", Guid.CreateVersion7().ToString("N"));

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
    public async Task Without_binaries_or_connection_string_the_host_names_both_ways_out_and_fails()
    {
        await using var host = HostProcess.Start(HostProcess.HostDll(Configuration), new Dictionary<string, string>
        {
            ["EmbeddedPostgres__BinDirectory"] = Path.Combine(_dataFolder, "no-binaries-here"),
            ["EmbeddedPostgres__DataDirectory"] = _dataFolder,
        });

        var exitCode = await host.WaitForExitAsync(StartTimeout);

        exitCode.ShouldNotBe(0);
        host.Output.ShouldContain("ConnectionStrings__Achats");
        host.Output.ShouldContain("apt-get install postgresql");
        HostProcess.ProcessesMentioning(_dataFolder).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_embedded_database_keeps_its_data_across_runs_and_stopping_leaves_no_process()
    {
        var environment = new Dictionary<string, string> { ["EmbeddedPostgres__DataDirectory"] = _dataFolder };
        var name = $"Édition {Guid.CreateVersion7():N}";
        var cluster = Path.Combine(_dataFolder, "cluster");
        await CreateAdministratorAsync(HostProcess.HostDll(Configuration), environment);

        await using (var first = HostProcess.Start(HostProcess.HostDll(Configuration), environment))
        {
            (await first.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(first.Output);
            await PlanCohortAsStaffAsync(first, name);
            (await OpenCohortNamesEventuallyAsync(first.Client, name)).ShouldContain(name);

            first.Terminate();
            (await first.WaitForExitAsync(StopTimeout)).ShouldBe(0, first.Output);
        }

        HostProcess.ProcessesMentioning(cluster).ShouldBeEmpty();
        File.Exists(Path.Combine(cluster, "postmaster.pid")).ShouldBeFalse();

        await using (var second = HostProcess.Start(HostProcess.HostDll(Configuration), environment))
        {
            (await second.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(second.Output);
            (await second.Client.GetFromJsonAsync<OpenCohort[]>("/api/enrolment/v1/open-cohorts", TestContext.Current.CancellationToken))!
                .Select(cohort => cohort.Name).ShouldContain(name);

            second.Interrupt();
            (await second.WaitForExitAsync(StopTimeout)).ShouldBe(0, second.Output);
        }

        HostProcess.ProcessesMentioning(cluster).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_release_build_runs_on_pregenerated_handler_code_without_roslyn()
    {
        var releaseDll = await ReleaseBuildAsync();
        var output = Path.GetDirectoryName(releaseDll)!;
        Directory.GetFiles(output, "Microsoft.CodeAnalysis*.dll").ShouldBeEmpty();
        File.Exists(Path.Combine(output, "Wolverine.RuntimeCompilation.dll")).ShouldBeFalse();

        var environment = new Dictionary<string, string> { ["ConnectionStrings__Achats"] = await postgres.CreateDatabaseAsync() };
        await CreateAdministratorAsync(releaseDll, environment);

        await using var host = HostProcess.Start(releaseDll, environment);

        (await host.WaitUntilReadyAsync(StartTimeout)).ShouldBeTrue(host.Output);
        await PlanCohortAsStaffAsync(host, "Édition Release");
        (await OpenCohortNamesEventuallyAsync(host.Client, "Édition Release")).ShouldContain("Édition Release");
        host.Output.ShouldNotContain("MissingPreBuiltTypes");
        host.Output.ShouldNotContain("PostgreSQL embarqué", customMessage: "a configured server means nothing is started");
    }

    /// <summary>The first administrator, made as an operator makes it: <c>admin create</c>, the password on standard input.</summary>
    internal static async Task CreateAdministratorAsync(string hostDll, IReadOnlyDictionary<string, string> environment)
    {
        await using var command = HostProcess.Start(
            hostDll, environment, ["admin", "create", "--email", AdministratorEmail, "--name", "Alice Administratrice"], StaffSignIn.Password);

        (await command.WaitForExitAsync(StartTimeout)).ShouldBe(0, command.Output);
        command.Output.ShouldContain($"Compte administrateur créé pour {AdministratorEmail}.");
        command.Output.ShouldNotContain(StaffSignIn.Password);
    }

    /// <summary>The administrator opens a programme staff account, whose holder plans a cohort open today.</summary>
    private static async Task PlanCohortAsStaffAsync(HostProcess host, string name)
    {
        using var administrator = host.CreateBrowserClient();
        await StaffSignIn.SignInAsync(administrator, AdministratorEmail);
        var email = $"equipe.{Guid.CreateVersion7():N}@achats.test";
        var opened = await administrator.PostAsJsonAsync("/api/access/v1/staff-accounts", new
        {
            email, displayName = "Équipe MGP", role = StaffRole.ProgrammeStaff, organisation = "Mgp", password = StaffSignIn.Password,
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());

        using var staff = host.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email);
        var today = TimeProvider.System.TodayInParis();
        var planned = await staff.PostAsJsonAsync("/api/cohorts/v1/cohorts", new
        {
            name, registrationOpensOn = today.AddDays(-1), registrationClosesOn = today.AddDays(20), startsOn = today.AddDays(30), endsOn = today.AddDays(395),
        });
        planned.StatusCode.ShouldBe(HttpStatusCode.Created, host.Output);
    }

    /// <summary>Enrolment learns of a cohort asynchronously, through the durable queue: poll, with a deadline.</summary>
    private static async Task<IReadOnlyList<string>> OpenCohortNamesEventuallyAsync(HttpClient client, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<string> names = [];
        while (DateTime.UtcNow < deadline && !names.Contains(expected))
        {
            names = (await client.GetFromJsonAsync<OpenCohort[]>("/api/enrolment/v1/open-cohorts"))!.Select(cohort => cohort.Name).ToList();
            await Task.Delay(50);
        }

        return names;
    }

    /// <summary>The Release build of the Host; build/test.sh builds it first, a lone test run builds it here.</summary>
    internal static async Task<string> ReleaseBuildAsync()
    {
        var dll = HostProcess.HostDll("Release");
        if (File.Exists(dll))
        {
            return dll;
        }

        using var build = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(Repository.Root, "src", "Host", "Achats.Host"), "-c", "Release", "-nologo" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var log = await build.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await build.WaitForExitAsync(TestContext.Current.CancellationToken);
        build.ExitCode.ShouldBe(0, log);
        return dll;
    }

    private sealed record OpenCohort(Guid Id, string Name);
}

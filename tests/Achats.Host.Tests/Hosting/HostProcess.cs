using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Achats.Testing;

namespace Achats.Host.Tests.Hosting;

/// <summary>The built Host run as its own process, as an operator runs it, on a free loopback port.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly Uri _address;

    // A Debug host compiles each handler with Roslyn on its first message: on a busy two-core machine the first
    // request of a fresh process has been seen to take over 30 s. A bound, not a wait: answers normally take ms.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private HostProcess(Process process, int port)
    {
        _process = process;
        _address = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = _address, Timeout = RequestTimeout };
    }

    /// <summary>The process id, for a test that signals or inspects it.</summary>
    public int Id => _process.Id;

    /// <summary>An anonymous client.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// A client that keeps cookies, for signing in. The host runs as in production, where the session
    /// cookie is Secure; this test client speaks plain HTTP on loopback, so it keeps cookies itself.
    /// </summary>
    public HttpClient CreateBrowserClient() =>
        new(new CookieJar(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }))
        {
            BaseAddress = _address,
            Timeout = RequestTimeout,
        };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string HostDll(string configuration) =>
        Path.Combine(Repository.Root, "src", "Host", "Achats.Host", "bin", configuration, "net10.0", "Achats.Host.dll");

    /// <summary>Starts <c>dotnet HOST.dll [arguments]</c>, writing <paramref name="standardInput"/> to it when given.</summary>
    public static HostProcess Start(
        string hostDll, IReadOnlyDictionary<string, string> environment, string[]? arguments = null, string? standardInput = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll },
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ConnectionStrings__Achats");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.WriteLine(standardInput);
            process.StandardInput.Close();
        }

        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; false if the process exits or time runs out.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    public void Interrupt() => Signal(SigInt);

    public void Terminate() => Signal(SigTerm);

    /// <summary>SIGKILL, as a crash or the out-of-memory killer: the process dies at once and runs nothing to clean up.</summary>
    public void Kill() => Signal(SigKill);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        Client.Dispose();
        _process.Dispose();
    }

    /// <summary>Processes still running whose command line mentions <paramref name="fragment"/>, such as a data folder.</summary>
    public static IReadOnlyList<string> ProcessesMentioning(string fragment) =>
        Directory.GetDirectories("/proc")
            .Where(directory => int.TryParse(Path.GetFileName(directory), out _))
            .Select(directory => ReadCommandLine(Path.Combine(directory, "cmdline")))
            .Where(commandLine => commandLine.Contains(fragment, StringComparison.Ordinal))
            .ToList();

    private static string ReadCommandLine(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

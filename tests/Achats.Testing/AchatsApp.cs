using System.Net;
using System.Net.Http.Json;
using Achats.Access.PartnerKeys;
using Achats.Access.StaffAccounts;
using Achats.Host.Database;
using Achats.Shared.Access;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Testing;

/// <summary>
/// The real Host on a database of its own: one per test class (<c>IClassFixture&lt;AchatsApp&gt;</c>),
/// so classes run in parallel without seeing each other's data. Time is a <see cref="FakeTimeProvider"/>
/// that starts at the real now.
/// </summary>
public class AchatsApp(PostgresServer postgres) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _connectionString;
    private bool _ownsDatabase = true;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The app has not started.");

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>Where this app's emails are written (the folder sender, when no SMTP server is configured).</summary>
    public string EmailFolder { get; } = Path.Combine(Path.GetTempPath(), "achats-emails", Guid.CreateVersion7().ToString("N"));

    /// <summary>The emails sent to <paramref name="address"/>, oldest first.</summary>
    public Task<IReadOnlyList<ReceivedEmail>> EmailsToAsync(string address) => Mailbox.ReadAsync(EmailFolder, address);

    /// <summary>The latest email sent to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<ReceivedEmail> LatestEmailToAsync(string address, string subject = "") =>
        (await EmailsToAsync(address)).LastOrDefault(email => email.Subject.Contains(subject, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No email to {address} about « {subject} ».");

    /// <summary>
    /// The latest email to <paramref name="address"/> about <paramref name="subject"/>, once the durable queue sent it:
    /// for an email cascaded from a message the caller did not wait for. Bounded: 15 s.
    /// </summary>
    public async Task<ReceivedEmail> SentEmailToAsync(string address, string subject)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await LatestEmailToAsync(address, subject);
            }
            catch (InvalidOperationException) when (attempt < 150)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Starts the host on its new database; a state fixture overrides this to bring it to its state.</summary>
    public virtual async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        // Program ends with RunJasperFxCommands; under the test server it must start the host rather than parse commands.
        JasperFxEnvironment.AutoStartHost = true;
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{AchatsDatabase.ConnectionStringName}", ConnectionString);
        builder.UseSetting("Email:Folder", EmailFolder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(EmailFolder))
        {
            Directory.Delete(EmailFolder, recursive: true);
        }

        if (_connectionString is not null && _ownsDatabase)
        {
            await postgres.DropDatabaseAsync(_connectionString);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // Outside Development the session cookie is Secure: a client on http:// would never send it back.
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>
    /// A browser client seen from <paramref name="address"/>, as Kestrel sees a distinct client (the in-process server
    /// gives requests no address of their own): the rate limiter and the sign-in throttle count it apart.
    /// </summary>
    public HttpClient CreateBrowserClient(string address) =>
        new(new CookieContainerHandler { InnerHandler = Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address)) })
        {
            BaseAddress = new Uri("https://localhost"),
        };

    /// <summary>A second host on this app's database, as a second node runs; the caller disposes it, the database stays this app's.</summary>
    public AchatsApp StartSecondNode()
    {
        var node = new AchatsApp(postgres) { _connectionString = ConnectionString, _ownsDatabase = false };
        node.StartServer();
        return node;
    }

    /// <summary>Opens a staff account of <paramref name="role"/> and returns a client signed in with it.</summary>
    public async Task<HttpClient> SignedInAsync(string role, OrganisingStructure? organisation = null)
    {
        var email = await OpenStaffAccountAsync(role, $"Test {role}", organisation);
        var client = CreateBrowserClient();
        await StaffSignIn.SignInAsync(client, email);
        return client;
    }

    /// <summary>
    /// Opens a staff account of <paramref name="role"/> (programme staff belong to the Métropole unless told
    /// otherwise) with the tests' password, and returns its email.
    /// </summary>
    public async Task<string> OpenStaffAccountAsync(string role, string name, OrganisingStructure? organisation = null)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.CreateVersion7():N}@achats.test";
        organisation ??= role == StaffRole.ProgrammeStaff ? OrganisingStructure.Mgp : null;
        await InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(email, name, role, organisation, StaffSignIn.Password));
        return email;
    }

    /// <summary>Issues an API key for <paramref name="partner"/> with <paramref name="scopes"/> and returns a client that presents it.</summary>
    public async Task<HttpClient> PartnerAsync(OrganisingStructure partner, params string[] scopes)
    {
        var issued = await InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(partner, scopes, $"Test {partner}"));
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", issued.Key);
        return client;
    }

    /// <summary>Sends a message through the bus as the application does.</summary>
    public async Task<T> InvokeAsync<T>(object message)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<T>(message);
    }

    /// <summary>Sends an HTTP request and waits until every message it caused, across modules, has been handled.</summary>
    public async Task<(HttpResponseMessage Response, ITrackedSession Messages)> TrackedAsync(
        HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> request)
    {
        HttpResponseMessage? response = null;
        var messages = await Services.TrackActivity()
            .Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => response = await request(client)));
        return (response!, messages);
    }

    /// <summary>Posts <paramref name="body"/> as JSON and waits for every message it caused.</summary>
    public Task<(HttpResponseMessage Response, ITrackedSession Messages)> PostTrackedAsync(HttpClient client, string url, object body) =>
        TrackedAsync(client, c => c.PostAsJsonAsync(url, body));
}

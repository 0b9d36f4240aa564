using Achats.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Achats.Host.Tests.Charter;

/// <summary>The Host with the tests' participant sign-in (<see cref="TestParticipantSignIn"/>).</summary>
public class ParticipantApp(PostgresServer postgres) : AchatsApp(postgres)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddTestParticipantSignIn();
    }

    /// <summary>A browser client signed in as the participant of <paramref name="email"/>.</summary>
    public async Task<HttpClient> ParticipantAsync(string email)
    {
        var client = CreateBrowserClient();
        using var signedIn = await client.GetAsync(TestParticipantSignIn.For(email));
        return signedIn.StatusCode == System.Net.HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"The test sign-in answered {(int)signedIn.StatusCode}.");
    }
}

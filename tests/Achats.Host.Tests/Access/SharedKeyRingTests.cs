using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Achats.Access.SigningIn;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>The keys that sign cookies live in PostgreSQL: two nodes on one database accept each other's cookies.</summary>
public sealed class SharedKeyRingTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task A_session_cookie_issued_by_one_node_is_accepted_by_another_on_the_same_database()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.Auditor, "Test Deux nœuds");
        using var browser = app.CreateBrowserClient();
        var signIn = await StaffSignIn.PostFormAsync(browser, email, StaffSignIn.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("achats.session=", StringComparison.Ordinal)).Split(';')[0];

        await using var secondNode = app.StartSecondNode();
        using var elsewhere = secondNode.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });
        elsewhere.DefaultRequestHeaders.Add("Cookie", cookie);

        (await elsewhere.GetAsync("/api/cohorts/v1/cohorts", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var session = app.Store.QuerySession();
        (await session.Query<DataProtectionKey>().CountAsync(TestContext.Current.CancellationToken)).ShouldBeGreaterThan(0);
    }
}

/// <summary>With a certificate configured, the keys are stored encrypted with it.</summary>
public sealed class EncryptedKeyRingTests(EncryptedKeyRingTests.WithCertificate app) : IClassFixture<EncryptedKeyRingTests.WithCertificate>
{
    [Fact]
    public async Task Keys_are_kept_encrypted_at_rest_and_still_open_sessions()
    {
        using var staff = await app.SignedInAsync(StaffRole.Auditor);
        (await staff.GetAsync("/api/cohorts/v1/cohorts", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var session = app.Store.QuerySession();
        var keys = await session.Query<DataProtectionKey>().ToListAsync(TestContext.Current.CancellationToken);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(key => key.Xml.Contains("EncryptedData") && !key.Xml.Contains("<masterKey"));
    }

    public sealed class WithCertificate(PostgresServer postgres) : AchatsApp(postgres)
    {
        private const string Password = "mot-de-passe-du-certificat";
        private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"achats-keys-{Guid.CreateVersion7():N}.pfx");

        public override ValueTask InitializeAsync()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Achats test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, Password));
            return base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_certificate);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:CertificatePath", _certificate);
            builder.UseSetting("DataProtection:CertificatePassword", Password);
        }
    }
}

using System.Net;
using System.Security.Claims;
using Achats.Access.SigningIn;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>Sign-in through an organisation's identity provider, when configured.</summary>
public sealed class OpenIdConnectSignInTests(OpenIdConnectSignInTests.WithProviderApp app) : IClassFixture<OpenIdConnectSignInTests.WithProviderApp>
{
    private const string Provider = "https://idp.collectivite.test";

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_which_receives_a_PKCE_code_request()
    {
        using var browser = app.CreateBrowserClient();

        var page = await browser.GetStringAsync("/connexion", TestContext.Current.CancellationToken);
        var challenge = await browser.GetAsync("/connexion/oidc?returnUrl=%2Fscalar%2Fv1", TestContext.Current.CancellationToken);

        page.ShouldContain("Se connecter avec Compte Métropole");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = challenge.Headers.Location!.ToString();
        location.ShouldStartWith($"{Provider}/authorize?");
        location.ShouldContain("client_id=achats");
        location.ShouldContain("response_type=code");
        location.ShouldContain("code_challenge_method=S256");
        location.ShouldContain(Uri.EscapeDataString("https://localhost/connexion/oidc/retour"));
    }

    [Fact]
    public async Task Only_a_verified_email_of_a_staff_account_opens_a_session_with_that_account_s_role()
    {
        var email = $"{Guid.CreateVersion7():N}@collectivite.test";
        await app.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(email, "Inès Martin", StaffRole.ProgrammeStaff, OrganisingStructure.Inec, StaffSignIn.Password));

        var verified = await OpenIdConnectSignIn.StaffPrincipalAsync(app.Store, Provided(email.ToUpperInvariant(), verified: true));
        var unverified = await OpenIdConnectSignIn.StaffPrincipalAsync(app.Store, Provided(email, verified: false));
        var unknown = await OpenIdConnectSignIn.StaffPrincipalAsync(app.Store, Provided("inconnu@collectivite.test", verified: true));

        verified.ShouldNotBeNull();
        verified.IsInRole(StaffRole.ProgrammeStaff).ShouldBeTrue();
        verified.FindFirstValue(AccessClaims.Organisation).ShouldBe("Inec");
        unverified.ShouldBeNull();
        unknown.ShouldBeNull();
    }

    [Fact]
    public async Task A_disabled_account_opens_no_session_through_the_provider()
    {
        var email = $"{Guid.CreateVersion7():N}@collectivite.test";
        var account = await app.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(email, "Inès Martin", StaffRole.Auditor, null, StaffSignIn.Password));
        await app.InvokeAsync<StaffAccountView>(new DisableStaffAccount(account.Id));

        (await OpenIdConnectSignIn.StaffPrincipalAsync(app.Store, Provided(email, verified: true))).ShouldBeNull();
    }

    private static ClaimsPrincipal Provided(string email, bool verified) =>
        new(new ClaimsIdentity([new Claim("email", email), new Claim("email_verified", verified ? "true" : "false")], "oidc"));

    /// <summary>The Host configured for a provider whose metadata is given here, so no request leaves the machine.</summary>
    public sealed class WithProviderApp(PostgresServer postgres) : AchatsApp(postgres)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OpenIdConnect:Authority", Provider);
            builder.UseSetting("OpenIdConnect:ClientId", "achats");
            builder.UseSetting("OpenIdConnect:ClientSecret", "secret-de-test");
            builder.UseSetting("OpenIdConnect:DisplayName", "Compte Métropole");
            builder.ConfigureServices(services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectSignIn.Scheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Provider,
                    AuthorizationEndpoint = $"{Provider}/authorize",
                    TokenEndpoint = $"{Provider}/token",
                };
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(options.Configuration);
            }));
        }
    }
}

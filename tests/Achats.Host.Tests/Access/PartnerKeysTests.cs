using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Achats.Access.PartnerKeys;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

public sealed class PartnerKeysTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Keys = "/api/access/v1/partner-keys";
    private const string Me = "/api/partners/v1/me";

    [Fact]
    public async Task An_administrator_issues_a_key_shown_once_and_stored_hashed_that_acts_for_its_partner_only()
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var response = await administrator.PostAsJsonAsync(Keys, new
        {
            partner = "ObsAR", scopes = new[] { PartnerScope.AttestMemberships, PartnerScope.ReadAttestations }, label = "Intégration ObsAR",
        }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var issued = await response.ReadAsync<IssuedKey>(HttpStatusCode.Created);
        var key = issued.Key;
        key.ShouldStartWith("achats_");
        var listing = await administrator.GetStringAsync(Keys, TestContext.Current.CancellationToken);
        listing.ShouldContain("Intégration ObsAR");
        listing.ShouldNotContain(key[^20..]);
        await using (var session = app.Store.QuerySession())
        {
            var stored = await session.LoadAsync<PartnerApiKey>(issued.Id, TestContext.Current.CancellationToken);
            stored.ShouldNotBeNull().SecretHash.ShouldNotContain(key[^20..]);
        }

        using var partner = WithKey(key);
        var identity = await partner.GetFromJsonAsync<PartnerIdentity>(Me, TestContext.Current.CancellationToken);
        identity.ShouldBe(new PartnerIdentity("ObsAR", [PartnerScope.AttestMemberships, PartnerScope.ReadAttestations]), new EquivalentIdentity());
    }

    [Fact]
    public async Task Without_a_valid_key_the_partner_API_answers_401_and_says_how_to_authenticate()
    {
        using var anonymous = app.CreateBrowserClient();
        using var forged = WithKey("achats_0123456789ab_not-a-real-secret-at-all");
        using var malformed = WithKey("n'importe quoi");
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        foreach (var client in new[] { anonymous, forged, malformed, staff })
        {
            var response = await client.GetAsync(Me, TestContext.Current.CancellationToken);

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().ShouldBe("ApiKey");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task A_revoked_key_authenticates_nobody()
    {
        var issued = await app.InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(OrganisingStructure.Inec, [PartnerScope.ReadCatalogue], "Catalogue INEC"));
        using var partner = WithKey(issued.Key);
        (await partner.GetAsync(Me, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var revoked = await administrator.DeleteAsync($"{Keys}/{issued.Id}", TestContext.Current.CancellationToken);

        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await partner.GetAsync(Me, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await administrator.DeleteAsync($"{Keys}/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_key_never_opens_a_staff_endpoint()
    {
        using var partner = await app.PartnerAsync(OrganisingStructure.LesCanaux, [.. PartnerScope.All]);

        var response = await partner.GetAsync("/api/access/v1/staff-accounts", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_without_scopes_or_with_an_unknown_one_is_refused_in_French()
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var response = await administrator.PostAsJsonAsync(Keys, new { partner = "Inec", scopes = new[] { "tout" }, label = "" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Error("scopes[0]").ShouldStartWith("Permission inconnue");
        problem.Error("label").ShouldBe("Le libellé de la clé est obligatoire.");
    }

    [Fact]
    public async Task The_partner_API_has_its_own_OpenAPI_document_describing_its_authentication()
    {
        using var client = app.CreateClient();

        var partners = await (await client.GetAsync("/openapi/partners.json", TestContext.Current.CancellationToken)).ReadAsync<OpenApiDocument>(HttpStatusCode.OK);
        var main = await (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).ReadAsync<OpenApiDocument>(HttpStatusCode.OK);

        var scheme = partners.Components!.SecuritySchemes["ApiKey"];
        scheme.Type.ShouldBe("apiKey");
        scheme.In.ShouldBe("header");
        scheme.Name.ShouldBe("Authorization");
        partners.Paths.ShouldContainKey(Me);
        main.Paths.ShouldNotContainKey(Me);
    }

    private HttpClient WithKey(string key)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    private sealed record IssuedKey(Guid Id, string Key);

    /// <summary>An OpenAPI document, as far as the test reads it: its paths and its security schemes.</summary>
    private sealed record OpenApiDocument(IReadOnlyDictionary<string, JsonElement> Paths, OpenApiComponents? Components);

    private sealed record OpenApiComponents(IReadOnlyDictionary<string, SecurityScheme> SecuritySchemes);

    private sealed record SecurityScheme(string Type, string In, string Name);

    private sealed class EquivalentIdentity : IEqualityComparer<PartnerIdentity>
    {
        public bool Equals(PartnerIdentity? x, PartnerIdentity? y) =>
            x is not null && y is not null && x.Partner == y.Partner && x.Scopes.Order().SequenceEqual(y.Scopes.Order());

        public int GetHashCode(PartnerIdentity obj) => obj.Partner.GetHashCode(StringComparison.Ordinal);
    }
}

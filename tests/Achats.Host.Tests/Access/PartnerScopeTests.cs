using System.Net.Http.Headers;
using Achats.Access.PartnerKeys;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>
/// Each scope policy lets in a key that carries its scope and no other, whichever partner holds it; the
/// partner endpoints of later issues name these policies.
/// </summary>
public sealed class PartnerScopeTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    public static TheoryData<string, string> PolicyOfScope => new()
    {
        { Policies.PartnerAttestsMemberships, PartnerScope.AttestMemberships },
        { Policies.PartnerReadsAttestations, PartnerScope.ReadAttestations },
        { Policies.PartnerReadsEnrolmentStatus, PartnerScope.ReadEnrolmentStatus },
        { Policies.PartnerReadsCatalogue, PartnerScope.ReadCatalogue },
    };

    [Theory]
    [MemberData(nameof(PolicyOfScope))]
    public async Task A_scope_policy_admits_only_keys_carrying_that_scope(string policy, string scope)
    {
        foreach (var held in PartnerScope.All)
        {
            var allowed = await AuthorizeAsync(policy, await KeyAsync(OrganisingStructure.LesCanaux, held));

            allowed.ShouldBe(held == scope, $"a key with {held} against {policy}");
        }
    }

    [Fact]
    public async Task A_key_is_bound_to_its_partner()
    {
        var key = await KeyAsync(OrganisingStructure.ObsAR, PartnerScope.ReadAttestations);

        var caller = await AuthenticateAsync(key);

        caller.ShouldNotBeNull().FindAll(AccessClaims.Partner).Select(claim => claim.Value).ShouldBe(["ObsAR"]);
    }

    private async Task<string> KeyAsync(OrganisingStructure partner, string scope) =>
        (await app.InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(partner, [scope], $"{partner} {scope}"))).Key;

    private async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key).ToString();
        var result = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
        return result.Principal;
    }

    private async Task<bool> AuthorizeAsync(string policy, string key)
    {
        var caller = await AuthenticateAsync(key);
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(caller!, policy)).Succeeded;
    }
}

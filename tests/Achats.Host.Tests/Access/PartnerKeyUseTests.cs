using System.Net;
using System.Net.Http.Json;
using Achats.Access.PartnerKeys;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>Administrators see when each key was last used; noting it costs one write a minute per key, not one per call.</summary>
public sealed class PartnerKeyUseTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_s_last_use_is_noted_at_most_once_a_minute()
    {
        var issued = await app.InvokeAsync<IssuedPartnerKey>(new IssuePartnerKey(OrganisingStructure.LesCanaux, [PartnerScope.ReadCatalogue], "Canaux"));
        using var partner = app.CreateBrowserClient();
        partner.DefaultRequestHeaders.Authorization = new("ApiKey", issued.Key);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);
        (await LastUseAsync(administrator, issued.Id)).ShouldBeNull();
        var first = app.Clock.GetUtcNow();

        (await partner.GetAsync("/api/partners/v1/me", Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await partner.GetAsync("/api/partners/v1/me", Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await LastUseAsync(administrator, issued.Id)).ShouldBe(first);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        (await partner.GetAsync("/api/partners/v1/me", Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LastUseAsync(administrator, issued.Id)).ShouldBe(first.AddSeconds(61));
    }

    private static async Task<DateTimeOffset?> LastUseAsync(HttpClient administrator, Guid keyId)
    {
        var keys = await administrator.GetFromJsonAsync<PartnerKeyView[]>("/api/access/v1/partner-keys", Answers.Json, Cancel);
        return keys.ShouldNotBeNull().Single(key => key.Id == keyId).LastUsedAt;
    }
}

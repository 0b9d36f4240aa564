using System.Net;
using System.Net.Http.Json;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>Someone must always be able to administer: the last active administrator keeps the role and stays enabled.</summary>
public sealed class LastAdministratorTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_last_active_administrator_can_neither_lose_the_role_nor_be_disabled_until_another_one_is_active()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.Administrator, "Alice Martin");
        Guid id;
        await using (var session = app.Store.QuerySession())
        {
            id = (await session.Query<StaffAccount>().SingleAsync(account => account.Email == email, Cancel)).Id;
        }

        using var administrator = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(administrator, email);

        var demoted = await administrator.PutAsJsonAsync($"/api/access/v1/staff-accounts/{id}/role", new { role = "Auditor" }, Cancel);
        var disabled = await Should.ThrowAsync<RuleViolationException>(() => app.InvokeAsync<StaffAccountView>(new DisableStaffAccount(id)));

        var problem = await demoted.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        problem.Type.ShouldBe("urn:achats:problem:last-administrator");
        problem.Detail.ShouldBe("Ce compte est le dernier compte d'administration actif : ouvrez ou réactivez d'abord un autre compte d'administration.");
        disabled.Rule.ShouldBe("last-administrator");
        (await administrator.GetAsync("/api/access/v1/staff-accounts", Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.OpenStaffAccountAsync(StaffRole.Administrator, "Bruno Petit");
        var demotedNow = await administrator.PutAsJsonAsync($"/api/access/v1/staff-accounts/{id}/role", new { role = "Auditor" }, Cancel);
        (await demotedNow.ReadAsync<StaffAccountView>(HttpStatusCode.OK)).Role.ShouldBe(StaffRole.Auditor);
    }
}

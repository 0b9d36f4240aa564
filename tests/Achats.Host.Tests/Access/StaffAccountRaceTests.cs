using System.Net;
using System.Net.Http.Json;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>The same staff email opened twice at once: one account, the others told it exists, never a 500.</summary>
public sealed class StaffAccountRaceTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task Simultaneous_creations_of_one_email_make_one_account_and_409s()
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);
        var account = new
        {
            email = $"sacha.{Guid.CreateVersion7():N}@metropole.test",
            displayName = "Sacha",
            role = "ProgrammeStaff",
            organisation = "Mgp",
            password = StaffSignIn.Password,
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => administrator.PostAsJsonAsync("/api/access/v1/staff-accounts", account, TestContext.Current.CancellationToken),
                TestContext.Current.CancellationToken)));

        answers.Select(answer => answer.StatusCode).Order().ShouldBe(
            [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict]);
        foreach (var refused in answers.Where(answer => answer.StatusCode == HttpStatusCode.Conflict))
        {
            (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Un compte existe déjà pour cette adresse électronique.");
        }
    }
}

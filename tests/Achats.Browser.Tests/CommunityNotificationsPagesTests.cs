using Achats.Community.Notifications;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>A member chooses, with the keyboard, whether the daily digest is emailed to them; the digest's opt-out link and its page.</summary>
public sealed class CommunityNotificationsPagesTests(CommunityNotificationsPagesTests.OpenSpace app, Chromium chromium)
    : IClassFixture<CommunityNotificationsPagesTests.OpenSpace>
{
    [Fact]
    public async Task A_member_stops_the_digest_on_the_notifications_page_and_through_the_emails_link()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync(TestParticipantSignIn.For(app.Email, $"/espace/{app.CohortId}/notifications"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" }).WaitForAsync();
        (await page.GetByLabel("Recevoir le résumé quotidien par courriel").IsCheckedAsync()).ShouldBeTrue();
        await Look.AtAsync(page, "espace-notifications");

        await page.GetByLabel("Recevoir le résumé quotidien par courriel").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon choix" }).PressAsync("Enter");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("vous ne recevrez plus le résumé quotidien");
        (await page.GetByLabel("Recevoir le résumé quotidien par courriel").IsCheckedAsync()).ShouldBeFalse();
        await Look.AtAsync(page, "espace-notifications-desabonne");

        var link = await app.OptOutLinkAsync();
        var visitor = await app.NewPageAsync(chromium);
        await visitor.GotoAsync(link);
        (await visitor.Locator("main").InnerTextAsync()).ShouldContain(app.SpaceName);
        await Look.AtAsync(visitor, "espace-desabonnement");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Me désabonner" }).PressAsync("Enter");
        (await visitor.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("vous ne recevrez plus le résumé quotidien");
        await Look.AtAsync(visitor, "espace-desabonnement-fait");
    }

    /// <summary>
    /// An open space with one member, its events appended as Community keeps them from Cohorts' messages (the Host tests
    /// walk the whole way there); the member signs in through the test sign-in.
    /// </summary>
    public sealed class OpenSpace(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; } = Guid.CreateVersion7();

        public Guid EnrolmentId { get; } = Guid.CreateVersion7();

        public string Email { get; } = $"camille.{Guid.CreateVersion7():N}@montreuil.test";

        public string SpaceName => "Édition 2027";

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.AddTestParticipantSignIn();
        }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var now = Clock.GetUtcNow();
            await using var session = Store.LightweightSession();
            session.Events.StartStream<CohortSpace>(CohortSpace.IdOf(CohortId),
                new MemberJoined(EnrolmentId, "Camille", "Durand", Email, "Ville de Montreuil", now),
                new SpaceOpened(CohortId, SpaceName, DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime).AddMonths(9), now));
            await session.SaveChangesAsync();
        }

        /// <summary>A digest's opt-out link, as the digest stores it beside its email.</summary>
        public async Task<string> OptOutLinkAsync()
        {
            var (token, hash) = SigningToken.New();
            await using var session = Store.LightweightSession();
            session.Insert(new DigestOptOutLink(hash, CohortId, EnrolmentId, Clock.GetUtcNow()));
            await session.SaveChangesAsync();
            return DigestPaths.OptOut(token);
        }
    }
}

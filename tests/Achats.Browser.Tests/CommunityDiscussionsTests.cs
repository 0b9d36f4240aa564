using Achats.Charter.Charters;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Sessions;
using Achats.Cohorts.WorkingGroups;
using Achats.Community.Spaces;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>A participant signs in through the emailed link, reads the next session, posts in their working group's channel; staff hide a post.</summary>
public sealed class CommunityDiscussionsTests(CommunityDiscussionsTests.SpaceOpen app, Chromium chromium) : IClassFixture<CommunityDiscussionsTests.SpaceOpen>
{
    [Fact]
    public async Task A_participant_posts_in_their_groups_channel_and_staff_hide_a_post()
    {
        var space = await app.SpaceAsync();
        var camille = space.Member(app.Camille)!;
        var group = space.GroupsOf(app.Camille).First();
        var page = await app.NewPageAsync(chromium);

        await page.GotoAsync("/mon-inscription");
        await page.GetByLabel("Adresse électronique de votre pré-inscription").FillAsync(camille.Email);
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
        {
            await page.GetByLabel("Adresse électronique de votre pré-inscription").PressAsync("Enter");
            await page.GetByRole(AriaRole.Status).WaitForAsync();
        }));
        await page.GotoAsync((await app.LatestEmailToAsync(camille.Email, "accéder à votre inscription")).LinkTo("/mon-inscription/connexion/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Accéder à mon inscription" }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Édition 2027" }).WaitForAsync();

        await page.GotoAsync($"/espace/{app.CohortId}");
        (await page.GetByRole(AriaRole.Region, new() { Name = "Prochaines séances" }).InnerTextAsync()).ShouldContain("Séance de lancement");
        await page.GetByRole(AriaRole.Link, new() { Name = "Discussions", Exact = true }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = group.Name, Exact = true }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Discussions du canal « {group.Name} »" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Navigation, new() { Name = "Canaux" }).InnerTextAsync()).ShouldContain("votre groupe");
        await page.GetByLabel("Sujet").FillAsync("Clauses d'insertion en restauration");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Qui a déjà rédigé une clause **d'insertion** ? @Dominique Martin, tu en avais une ?");
        await Look.AtAsync(page, "espace-discussions-canal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier la discussion" }).PressAsync("Enter");

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Votre discussion est ouverte.");
        (await page.Locator(".mention").InnerTextAsync()).ShouldBe("@Dominique Martin");
        var thread = page.Url.Split('?')[0];
        await page.GetByLabel("Message", new() { Exact = true }).Last.FillAsync("J'ajoute : la clause doit rester proportionnée au marché.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }).PressAsync("Enter");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Votre réponse est publiée.");
        await Look.AtAsync(page, "espace-discussion");

        var staff = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await staff.GotoAsync(thread);
        var reply = staff.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "proportionnée" }).Last;
        await reply.GetByText("Masquer ce message").ClickAsync();
        await reply.GetByLabel("Motif lu par les participant·es à la place du message").FillAsync("Hors sujet : à reprendre dans un nouveau fil.");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Masquer le message" }).PressAsync("Enter");
        (await staff.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Le message est masqué");
        (await staff.Locator(".hidden-post").InnerTextAsync()).ShouldContain("proportionnée");
        await Look.AtAsync(staff, "espace-discussion-moderee");

        await page.ReloadAsync();
        var hidden = await page.Locator(".hidden-post").InnerTextAsync();
        hidden.ShouldContain("Hors sujet : à reprendre dans un nouveau fil.");
        hidden.ShouldNotContain("proportionnée");
    }

    /// <summary>An edition launched with Camille and Dominique (a pair of Montreuil) and Claude, its plenary to come, its working groups published.</summary>
    public sealed class SpaceOpen(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public Guid Camille { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(CohortId, "Charte d'engagement",
                "Les participants s'engagent pour toute l'édition.", ["Participer aux séances plénières."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(CohortId));
            var montreuil = Sirens.Next();
            Camille = await AdmitAsync("Camille", "Durand", Profile.PublicBuyer, "Ville de Montreuil", montreuil);
            await AdmitAsync("Dominique", "Martin", Profile.Prescriber, "Ville de Montreuil", montreuil, pairWith: Camille);
            await AdmitAsync("Claude", "Moreau", Profile.PrivateBuyer, "Société Dupont", Sirens.Next());

            var sequence = (await InvokeTrackedAsync<CohortChanged>(new AddSequence(CohortId, "Comprendre l'achat circulaire"))).CreatedId!.Value;
            var start = (await InvokeAsync<CohortView>(new GetCohort(CohortId))).StartsOn.ToDateTime(TimeOnly.MinValue);
            await InvokeTrackedAsync<CohortChanged>(new ScheduleSession(CohortId, sequence, "Séance de lancement", SessionKind.Plenary,
                start.AddDays(1).AddHours(9.5), start.AddDays(1).AddHours(12), Modality.Online, "https://visio.example/achats", null, null, []));
            Clock.SetUtcNow(ParisTime.FromParis(start.AddHours(10))!.Value);
            await InvokeTrackedAsync<CohortChanged>(new LaunchCohort(CohortId));
            await InvokeTrackedAsync<WorkingGroupsView>(new ProposeWorkingGroups(CohortId, 2, 3));
            await InvokeTrackedAsync<WorkingGroupsView>(new PublishWorkingGroups(CohortId));
        }

        public async Task<CohortSpace> SpaceAsync()
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(CohortId)) ?? throw new InvalidOperationException("No space.");
        }

        private Task<Guid> AdmitAsync(string firstName, string lastName, Profile profile, string organisation, string siren, Guid? pairWith = null)
        {
            var isPublic = organisation.StartsWith("Ville", StringComparison.Ordinal);
            return AdmitAsync(CohortId, firstName, lastName, profile,
                new OrganisationDetails(organisation, isPublic ? OrganisationKind.CommuneEptOrMetropole : OrganisationKind.PrivateCompany, siren, isPublic ? "93048" : "75056"),
                new PreRegistrationProject($"Achats de {firstName}", PurchaseCategory.Catering, [Theme.Circular]), pairWith);
        }
    }
}

using System.Net;
using Achats.Cohorts.Cohorts;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Wolverine;
using Wolverine.Tracking;

namespace Achats.Browser.Tests;

/// <summary>The real Host on Kestrel (loopback only, a free port) so that Chromium can reach it; a database of its own.</summary>
public class BrowserApp : AchatsApp
{
    public BrowserApp(PostgresServer postgres) : base(postgres) => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A fresh page in a browser context of its own (cookies included), speaking French.</summary>
    public async Task<IPage> NewPageAsync(Chromium chromium)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // A loaded two-core machine running the whole suite can take longer than Playwright's 30 s default for one step.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in, through the sign-in form, as a new staff member of <paramref name="role"/>.</summary>
    public async Task<IPage> SignedInPageAsync(Chromium chromium, string role)
    {
        var email = await OpenStaffAccountAsync(role, "Alice Martin");
        var page = await NewPageAsync(chromium);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(StaffSignIn.Password);
        await page.GetByLabel("Mot de passe").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Sends a command as the application does and waits until every message it caused has been handled.</summary>
    public async Task<T> InvokeTrackedAsync<T>(object command)
    {
        T? answer = default;
        await Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async bus => answer = await bus.InvokeAsync<T>(command)));
        return answer!;
    }

    /// <summary>Plans a cohort whose registration is open today.</summary>
    public async Task<Guid> OpenCohortAsync(string name)
    {
        var today = Clock.TodayInParis();
        var cohort = await InvokeTrackedAsync<Cohort>(new PlanCohort(name, today.AddDays(-10), today.AddDays(30), today.AddDays(40)));
        return cohort.Id;
    }

    /// <summary>
    /// A buyer of Montreuil (free), or of a private company outside any network (membership required), pre-registers
    /// for the cohort as the public form does; the email address is new unless given.
    /// </summary>
    public async Task<Guid> PreRegisterAsync(Guid cohortId, string firstName, string lastName, bool free, string? email = null)
    {
        var receipt = await InvokeTrackedAsync<PreRegistrationReceipt>(new SubmitPreRegistration(cohortId,
            new ParticipantDetails(firstName, lastName, email ?? $"{Guid.CreateVersion7():N}@exemple.test", null, "Responsable des achats",
                free ? Profile.PublicBuyer : Profile.PrivateBuyer),
            free
                ? new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93048")
                : new OrganisationDetails("Société Dupont", OrganisationKind.PrivateCompany, Sirens.Next(), "75056"),
            [], null, ConsentToDataProcessing: true, PromotesOwnSolution: false));
        return receipt.EnrolmentId;
    }

    /// <summary>
    /// Pre-registered, made free when the organisation is a private company (membership confirmed by staff), paired
    /// with <paramref name="pairWith"/> if given, validated, the charter signed on paper: Enrolment admits them, and
    /// the cohort's roster has them.
    /// </summary>
    public async Task<Guid> AdmitAsync(Guid cohortId, string firstName, string lastName, Profile profile, OrganisationDetails organisation,
        PreRegistrationProject? project = null, Guid? pairWith = null)
    {
        var receipt = await InvokeTrackedAsync<PreRegistrationReceipt>(new SubmitPreRegistration(cohortId,
            new ParticipantDetails(firstName, lastName, $"{firstName.ToLowerInvariant()}.{Guid.CreateVersion7():N}@exemple.test", null, "Responsable des achats", profile),
            organisation, [], project, ConsentToDataProcessing: true, PromotesOwnSolution: false));
        var id = receipt.EnrolmentId;
        if (organisation.Kind == OrganisationKind.PrivateCompany)
        {
            await InvokeTrackedAsync<EnrolmentChanged>(new OverrideEligibility(id, await VersionAsync(id), true, "Adhésion à l'ObsAR confirmée."));
        }

        if (pairWith is { } colleague)
        {
            await InvokeTrackedAsync<EnrolmentChanged>(new DeclarePair(id, colleague));
        }

        await InvokeTrackedAsync<EnrolmentChanged>(new ValidatePreRegistration(id, await VersionAsync(id), null));
        await InvokeTrackedAsync<Achats.Charter.Signatures.CharterSignedOnPaper>(new Achats.Charter.Signatures.RecordPaperSignature(
            id, Clock.TodayInParis(), $"{firstName} {lastName}", "Responsable des achats", "Original classé au dossier."));
        return id;
    }

    /// <summary>The version of an enrolment's stream, as a staff decision sends it.</summary>
    public async Task<int> VersionAsync(Guid enrolmentId)
    {
        await using var session = Store.QuerySession();
        return (int)(await session.Events.FetchStreamStateAsync(enrolmentId))!.Version;
    }

    /// <summary>The path of the signing link in the latest email sent to <paramref name="address"/>.</summary>
    public async Task<string> SigningLinkSentToAsync(string address)
    {
        foreach (var file in Directory.GetFiles(EmailFolder, "*.eml").OrderDescending())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(mailbox => mailbox.Address == address)
                && System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/charte/\S+") is { Success: true } link)
            {
                return new Uri(link.Value).PathAndQuery;
            }
        }

        throw new InvalidOperationException($"No signing link was emailed to {address}.");
    }
}

using System.Net;
using System.Net.Http.Json;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>Administrators open accounts, change roles and structures, disable, re-enable and reset passwords; each refusal says why in French and writes nothing.</summary>
public sealed class StaffAccountManagementTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Accounts = "/api/access/v1/staff-accounts";
    private const string ProgrammeApi = "/api/enrolment/v1/enrolments";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_account_opened_with_a_generated_password_signs_in_with_it_and_the_answer_is_not_cached()
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);
        var email = NewEmail();

        var response = await administrator.PostAsJsonAsync(Accounts, new
        {
            email, displayName = "Bruno Petit", role = "ProgrammeStaff", organisation = "Inec", delivery = "GeneratedPassword",
        }, Cancel);

        var created = await response.ReadAsync<CreatedStaffAccount>(HttpStatusCode.Created);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var password = created.Credential.ShouldNotBeNull().Password.ShouldNotBeNull();
        password.Length.ShouldBeGreaterThanOrEqualTo(StaffAccount.MinimumPasswordLength);
        created.Credential.Link.ShouldBeNull();
        using var staff = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email, password);
        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_password_or_a_way_in_nothing_is_opened_and_the_fields_say_why_in_French()
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);
        var email = NewEmail();

        var response = await administrator.PostAsJsonAsync(Accounts, new { email, displayName = "", role = "ProgrammeStaff" }, Cancel);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Error("displayName").ShouldBe("Le nom est obligatoire.");
        problem.Error("organisation").ShouldBe("Un membre de l'équipe du programme doit appartenir à une structure.");
        problem.Error("password").ShouldBe("Le mot de passe est obligatoire.");
        (await CountAsync(email)).ShouldBe(0);
    }

    [Fact]
    public async Task A_single_use_link_lets_the_person_choose_a_password_once()
    {
        var (email, _) = await OpenAsync(StaffRole.Auditor, CredentialDelivery.OneTimeLink, out var credential);
        var issued = await credential;
        issued.Link.ShouldNotBeNull().ShouldStartWith("/connexion/nouveau-mot-de-passe/");
        issued.LinkExpiresAt.ShouldBe(app.Clock.GetUtcNow() + StaffAccount.PasswordLinkLifetime);
        using var anonymous = app.CreateBrowserClient();
        const string chosen = "une phrase que je retiens bien";

        var first = await anonymous.PostAsJsonAsync("/api/access/v1/password-links", new { token = Token(issued), newPassword = chosen, confirmation = chosen }, Cancel);
        var second = await anonymous.PostAsJsonAsync("/api/access/v1/password-links", new { token = Token(issued), newPassword = "encore une autre phrase", confirmation = "encore une autre phrase" }, Cancel);

        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var refused = await second.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        refused.Type.ShouldBe("urn:achats:problem:password-link-invalid");
        refused.Detail.ShouldNotBeNull().ShouldStartWith("Ce lien ne permet plus de choisir un mot de passe : il a déjà servi, il a expiré (24 heures)");
        await StaffSignIn.SignInAsync(anonymous, email, chosen);
        await using var session = app.Store.QuerySession();
        (await session.Query<StaffAccount>().SingleAsync(account => account.Email == email, Cancel)).PasswordLink.ShouldBeNull();
    }

    [Fact]
    public async Task A_link_older_than_24_hours_is_refused_and_writes_nothing()
    {
        var (email, id) = await OpenAsync(StaffRole.Auditor, CredentialDelivery.OneTimeLink, out var credential);
        var issued = await credential;
        var before = await LoadAsync(id);
        app.Clock.Advance(StaffAccount.PasswordLinkLifetime + TimeSpan.FromSeconds(1));
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsJsonAsync("/api/access/v1/password-links",
            new { token = Token(issued), newPassword = "une phrase que je retiens bien", confirmation = "une phrase que je retiens bien" }, Cancel);

        (await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Type.ShouldBe("urn:achats:problem:password-link-invalid");
        (await LoadAsync(id)).ShouldBe(before);
        (await StaffSignIn.PostFormAsync(anonymous, email, "une phrase que je retiens bien")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_different_passwords_are_refused_beside_the_confirmation()
    {
        var (_, _) = await OpenAsync(StaffRole.Auditor, CredentialDelivery.OneTimeLink, out var credential);
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsJsonAsync("/api/access/v1/password-links",
            new { token = Token(await credential), newPassword = "une phrase que je retiens bien", confirmation = "une autre phrase" }, Cancel);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("confirmation").ShouldBe("Les deux mots de passe saisis diffèrent.");
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session_at_the_next_request_and_cannot_sign_in_until_re_enabled()
    {
        var (email, id) = await OpenAsync(StaffRole.ProgrammeStaff);
        using var staff = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email);
        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var disabled = await administrator.PostAsync($"{Accounts}/{id}/deactivation", null, Cancel);

        (await disabled.ReadAsync<StaffAccountView>(HttpStatusCode.OK)).Disabled.ShouldBeTrue();
        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await staff.GetAsync("/", Cancel);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.PathAndQuery.ShouldStartWith("/connexion");
        using var again = app.CreateBrowserClient();
        (await StaffSignIn.PostFormAsync(again, email, StaffSignIn.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await administrator.PostAsync($"{Accounts}/{id}/reactivation", null, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await StaffSignIn.SignInAsync(again, email);
    }

    [Fact]
    public async Task A_changed_role_takes_effect_at_the_next_request()
    {
        var (email, id) = await OpenAsync(StaffRole.ProgrammeStaff);
        using var staff = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var changed = await administrator.PutAsJsonAsync($"{Accounts}/{id}/role", new { role = "Auditor", organisation = "ObsAR" }, Cancel);

        var view = await changed.ReadAsync<StaffAccountView>(HttpStatusCode.OK);
        (view.Role, view.Organisation).ShouldBe((StaffRole.Auditor, OrganisingStructure.ObsAR));
        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await StaffSignIn.SignInAsync(staff, email);
        (await staff.GetStringAsync("/mon-compte", Cancel)).ShouldContain("Audit");
        (await staff.PostAsJsonAsync("/api/cohorts/v1/cohorts", new { }, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Programme_staff_without_a_structure_is_refused_and_the_role_is_kept()
    {
        var (_, id) = await OpenAsync(StaffRole.Auditor);
        var before = await LoadAsync(id);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var response = await administrator.PutAsJsonAsync($"{Accounts}/{id}/role", new { role = "ProgrammeStaff" }, Cancel);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("organisation")
            .ShouldBe("Un membre de l'équipe du programme doit appartenir à une structure.");
        (await LoadAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.Administrator, "Alice Martin");
        var id = (await LoadByEmailAsync(email)).Id;
        await app.OpenStaffAccountAsync(StaffRole.Administrator, "Un autre administrateur");
        using var administrator = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(administrator, email);
        var before = await LoadAsync(id);

        var response = await administrator.PostAsync($"{Accounts}/{id}/deactivation", null, Cancel);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        problem.Type.ShouldBe("urn:achats:problem:own-account");
        problem.Detail.ShouldBe("Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
        (await LoadAsync(id)).ShouldBe(before);
        (await administrator.GetAsync(Accounts, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reset_password_ends_the_old_one_and_the_open_sessions()
    {
        var (email, id) = await OpenAsync(StaffRole.ProgrammeStaff);
        using var staff = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email);
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);

        var response = await administrator.PostAsJsonAsync($"{Accounts}/{id}/password-reset", new { delivery = "GeneratedPassword" }, Cancel);

        var credential = await response.ReadAsync<IssuedCredential>(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = app.CreateBrowserClient();
        (await StaffSignIn.PostFormAsync(again, email, StaffSignIn.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await StaffSignIn.SignInAsync(again, email, credential.Password!);
    }

    [Fact]
    public async Task Staff_change_their_own_password_their_other_sessions_end_and_this_one_goes_on()
    {
        var (email, _) = await OpenAsync(StaffRole.Auditor);
        using var here = app.CreateBrowserClient();
        using var elsewhere = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(here, email);
        await StaffSignIn.SignInAsync(elsewhere, email);
        const string chosen = "ma nouvelle phrase de passe";

        var response = await here.PutAsJsonAsync("/api/access/v1/me/password",
            new { currentPassword = StaffSignIn.Password, newPassword = chosen, confirmation = chosen }, Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await here.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(again, email, chosen);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_it_and_changes_nothing()
    {
        var (email, id) = await OpenAsync(StaffRole.Auditor);
        using var here = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(here, email);
        var before = await LoadAsync(id);

        var response = await here.PutAsJsonAsync("/api/access/v1/me/password",
            new { currentPassword = "pas le bon mot de passe", newPassword = "ma nouvelle phrase de passe", confirmation = "ma nouvelle phrase de passe" }, Cancel);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("currentPassword").ShouldBe("Le mot de passe actuel est incorrect.");
        (await LoadAsync(id)).ShouldBe(before);
        (await here.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_opened_before_security_stamps_existed_is_refused()
    {
        var (email, id) = await OpenAsync(StaffRole.Auditor);
        using var staff = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(staff, email);
        await using (var session = app.Store.LightweightSession())
        {
            session.Update((await session.LoadAsync<StaffAccount>(id, Cancel))! with { SecurityStamp = "autre" });
            await session.SaveChangesAsync(Cancel);
        }

        (await staff.GetAsync(ProgrammeApi, Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private Task<(string Email, Guid Id)> OpenAsync(string role) =>
        OpenAsync(role, null, out _);

    private Task<(string Email, Guid Id)> OpenAsync(string role, CredentialDelivery? delivery, out Task<IssuedCredential> credential)
    {
        var email = NewEmail();
        var opened = app.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(email, $"Test {role}", role,
            role == StaffRole.ProgrammeStaff ? OrganisingStructure.Mgp : null, delivery is null ? StaffSignIn.Password : null, delivery));
        credential = opened.ContinueWith(task => task.Result.Credential!, TaskScheduler.Default);
        return opened.ContinueWith(task => (email, task.Result.Id), TaskScheduler.Default);
    }

    private static string Token(IssuedCredential credential) => credential.Link!.Split('/')[^1];

    private static string NewEmail() => $"compte.{Guid.CreateVersion7():N}@achats.test";

    private async Task<StaffAccount> LoadAsync(Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<StaffAccount>(id, Cancel)).ShouldNotBeNull();
    }

    private async Task<StaffAccount> LoadByEmailAsync(string email)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<StaffAccount>().SingleAsync(account => account.Email == email, Cancel);
    }

    private async Task<int> CountAsync(string email)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<StaffAccount>().CountAsync(account => account.Email == email, Cancel);
    }
}

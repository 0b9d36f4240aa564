using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>The lockout rule, decided without a database.</summary>
public sealed class StaffAccountTests
{
    private const string Password = "correct horse battery staple";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly StaffAccount Account =
        StaffAccount.Create("  Claire.Durand@MGP.fr ", "Claire Durand", StaffRole.ProgrammeStaff, OrganisingStructure.Mgp, Password);

    [Fact]
    public void An_account_keeps_a_hash_not_the_password_and_a_normalised_email()
    {
        Account.PasswordHash.ShouldNotContain(Password);
        Account.Email.ShouldBe("claire.durand@mgp.fr");
    }

    [Fact]
    public void The_right_password_signs_in_and_clears_earlier_failures()
    {
        var (afterFailure, _) = Account.AttemptSignIn("wrong");

        var (account, signedIn) = afterFailure.AttemptSignIn(Password);

        signedIn.ShouldBeTrue();
        account.FailedAttempts.ShouldBe(0);
    }

    [Fact]
    public void Failures_in_a_row_slow_the_account_down_and_never_lock_it()
    {
        var account = Account;
        for (var attempt = 1; attempt < StaffAccount.MaxFailedAttempts; attempt++)
        {
            (account, _) = account.AttemptSignIn($"wrong {attempt}");
        }

        account.SignInDelay.ShouldBe(TimeSpan.Zero);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            (account, var signedIn) = account.AttemptSignIn($"wrong again {attempt}");
            signedIn.ShouldBeFalse();
        }

        account.SignInDelay.ShouldBe(StaffAccount.LongestSignInDelay);
        var (afterSuccess, rightPassword) = account.AttemptSignIn(Password);
        rightPassword.ShouldBeTrue();
        afterSuccess.SignInDelay.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void What_a_session_vouches_for_changing_changes_the_stamp()
    {
        Account.SecurityStamp.ShouldNotBeNullOrEmpty();

        Account.WithRole(StaffRole.Auditor, null).SecurityStamp.ShouldNotBe(Account.SecurityStamp);
        Account.Disable().SecurityStamp.ShouldNotBe(Account.SecurityStamp);
        Account.WithPassword("une toute nouvelle phrase").SecurityStamp.ShouldNotBe(Account.SecurityStamp);
        Account.WithPasswordLink(Now).Account.SecurityStamp.ShouldNotBe(Account.SecurityStamp);
    }

    [Fact]
    public void A_disabled_account_refuses_even_the_right_password()
    {
        Account.Disable().AttemptSignIn(Password).SignedIn.ShouldBeFalse();
        Account.Disable().Enable().AttemptSignIn(Password).SignedIn.ShouldBeTrue();
    }

    [Fact]
    public void A_password_link_keeps_only_the_hash_of_its_token_voids_the_old_password_and_ends_when_used()
    {
        var (linked, token) = Account.WithPasswordLink(Now);

        linked.PasswordLink.ShouldBe(new PasswordLink(StaffAccount.HashOf(token), Now + StaffAccount.PasswordLinkLifetime));
        linked.PasswordLink!.TokenHash.ShouldNotContain(token);
        linked.HasPassword(Password).ShouldBeFalse();
        linked.WithPassword("une toute nouvelle phrase").PasswordLink.ShouldBeNull();
    }
}

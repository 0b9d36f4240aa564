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
        var (afterFailure, _) = Account.AttemptSignIn("wrong", Now);

        var (account, signedIn) = afterFailure.AttemptSignIn(Password, Now);

        signedIn.ShouldBeTrue();
        account.FailedAttempts.ShouldBe(0);
    }

    [Fact]
    public void Five_failures_in_a_row_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var account = Account;
        for (var attempt = 1; attempt <= StaffAccount.MaxFailedAttempts; attempt++)
        {
            (account, var signedIn) = account.AttemptSignIn($"wrong {attempt}", Now);
            signedIn.ShouldBeFalse();
        }

        account.LockedUntil.ShouldBe(Now + StaffAccount.LockoutDuration);
        account.AttemptSignIn(Password, Now.AddMinutes(14)).SignedIn.ShouldBeFalse();
        account.AttemptSignIn(Password, Now.AddMinutes(15)).SignedIn.ShouldBeTrue();
    }

    [Fact]
    public void Four_failures_do_not_lock()
    {
        var account = Account;
        for (var attempt = 1; attempt < StaffAccount.MaxFailedAttempts; attempt++)
        {
            (account, _) = account.AttemptSignIn("wrong", Now);
        }

        account.IsLockedAt(Now).ShouldBeFalse();
        account.AttemptSignIn(Password, Now).SignedIn.ShouldBeTrue();
    }
}

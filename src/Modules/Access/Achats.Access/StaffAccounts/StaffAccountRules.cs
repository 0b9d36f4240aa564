using System.Linq.Expressions;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>A role, and the structure programme staff must belong to: the same rules when an account opens and when its role changes.</summary>
internal sealed class StaffRoleRules<T> : AbstractValidator<T>
{
    public StaffRoleRules(Expression<Func<T, string>> role, Expression<Func<T, OrganisingStructure?>> organisation)
    {
        var roleOf = role.Compile();
        RuleFor(role).Must(value => StaffRole.All.Contains(value))
            .WithMessage("Choisissez le rôle : administration, équipe du programme ou audit.");
        RuleFor(organisation).NotNull().When(command => roleOf(command) == StaffRole.ProgrammeStaff)
            .WithMessage("Un membre de l'équipe du programme doit appartenir à une structure.");
        RuleFor(organisation).IsInEnum().WithMessage("La structure doit être la Métropole du Grand Paris, l'INEC, l'ObsAR ou Les Canaux.");
    }
}

internal static class PasswordRules
{
    /// <summary>A new password: at least 12 characters, at most 256.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilderInitial<T, string> password) =>
        password.Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Le mot de passe est obligatoire.")
            .MinimumLength(StaffAccount.MinimumPasswordLength)
            .WithMessage($"Le mot de passe doit compter au moins {StaffAccount.MinimumPasswordLength} caractères.")
            .MaximumLength(StaffAccount.MaximumPasswordLength).WithMessage($"Le mot de passe ne doit pas dépasser {StaffAccount.MaximumPasswordLength} caractères.");
}

internal static class StaffAccountSessions
{
    public static async Task<StaffAccount> LoadStaffAccountAsync(this IQuerySession session, Guid accountId, CancellationToken cancellationToken) =>
        await session.LoadAsync<StaffAccount>(accountId, cancellationToken)
        ?? throw new NotFoundException("Aucun compte de l'équipe ne porte cet identifiant.");

    /// <summary>
    /// Refuses a change that would leave no active administrator: nobody could then open accounts or keys but
    /// through the <c>admin create</c> command on the server.
    /// </summary>
    public static async Task EnsureAnotherAdministratorRemainsAsync(this IQuerySession session, StaffAccount account, CancellationToken cancellationToken)
    {
        if (account.IsActiveAdministrator
            && !await session.Query<StaffAccount>().AnyAsync(
                other => other.Id != account.Id && other.Role == StaffRole.Administrator && !other.Disabled, cancellationToken))
        {
            throw new RuleViolationException("last-administrator",
                "Ce compte est le dernier compte d'administration actif : ouvrez ou réactivez d'abord un autre compte d'administration.");
        }
    }

    /// <summary>The staff account acting, from the actor recorded on the message.</summary>
    public static Guid? ActingAccount(this IMessageContext context) =>
        context.UserName is { } recorded && Actor.Parse(recorded) is { Kind: Actor.Staff } actor && Guid.TryParse(actor.Id, out var id) ? id : null;
}

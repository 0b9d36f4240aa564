using Achats.Shared.Access;
using FluentValidation;
using FluentValidation.Results;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>A signed-in staff member changes their own password; their other sessions end, this one goes on.</summary>
public sealed record ChangeOwnPassword(string CurrentPassword, string NewPassword, string Confirmation)
{
    public override string ToString() => nameof(ChangeOwnPassword);
}

internal sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Le mot de passe actuel est obligatoire.");
        RuleFor(c => c.NewPassword).NewPassword();
        RuleFor(c => c.Confirmation).Equal(c => c.NewPassword).WithMessage("Les deux mots de passe saisis diffèrent.");
    }
}

public static class ChangeOwnPasswordHandler
{
    /// <summary>The account with its new password, whose session replaces the caller's.</summary>
    public static async Task<StaffAccount> Handle(
        ChangeOwnPassword command, IDocumentSession session, IMessageContext context, CancellationToken cancellationToken)
    {
        var account = context.ActingAccount() is { } id
            ? await session.LoadStaffAccountAsync(id, cancellationToken)
            : throw new InvalidOperationException("Only a signed-in staff member changes their own password.");
        if (!account.HasPassword(command.CurrentPassword))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.CurrentPassword), "Le mot de passe actuel est incorrect.")]);
        }

        var changed = account.WithPassword(command.NewPassword);
        session.Update(changed);
        return changed;
    }
}

internal static class ChangeOwnPasswordEndpoint
{
    public static RouteHandlerBuilder MapChangeOwnPassword(this IEndpointRouteBuilder access) =>
        access.MapPut("/me/password", async (ChangeOwnPassword command, IMessageBus bus, HttpContext http, CancellationToken cancellationToken) =>
            {
                var account = await bus.InvokeAsync<StaffAccount>(command, cancellationToken);
                await http.SignInAsync(AccessPolicies.PrincipalOf(account));
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.AnyStaff)
            .WithName(nameof(ChangeOwnPassword))
            .WithSummary("Changer son propre mot de passe")
            .WithDescription("Les autres sessions de ce compte prennent fin ; celle-ci continue.")
            .ProducesValidationProblem();
}

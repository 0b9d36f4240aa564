using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>A staff member chooses their password through the single-use link an administrator passed on.</summary>
public sealed record ChooseNewPassword(string Token, string NewPassword, string Confirmation)
{
    public override string ToString() => nameof(ChooseNewPassword);
}

/// <summary>The password is chosen: the account's address, to sign in with.</summary>
public sealed record PasswordChosen(string Email);

internal sealed class ChooseNewPasswordValidator : AbstractValidator<ChooseNewPassword>
{
    public ChooseNewPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage(ChooseNewPasswordHandler.LinkInvalid).MaximumLength(100).WithMessage(ChooseNewPasswordHandler.LinkInvalid);
        RuleFor(c => c.NewPassword).NewPassword();
        RuleFor(c => c.Confirmation).Equal(c => c.NewPassword).WithMessage("Les deux mots de passe saisis diffèrent.");
    }
}

public static class ChooseNewPasswordHandler
{
    internal const string LinkInvalid =
        "Ce lien ne permet plus de choisir un mot de passe : il a déjà servi, il a expiré (24 heures) ou un lien plus récent l'a remplacé. Demandez-en un nouveau à un administrateur.";

    public static async Task<PasswordChosen> Handle(ChooseNewPassword command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = StaffAccount.HashOf(command.Token);
        var account = await session.Query<StaffAccount>().SingleOrDefaultAsync(candidate => candidate.PasswordLink!.TokenHash == hash, cancellationToken);
        if (account is not { PasswordLink: { } link, Disabled: false } || link.ExpiresAt <= time.GetUtcNow())
        {
            throw new RuleViolationException("password-link-invalid", LinkInvalid);
        }

        session.Update(account.WithPassword(command.NewPassword));
        return new PasswordChosen(account.Email);
    }
}

internal static class ChooseNewPasswordEndpoint
{
    public static RouteHandlerBuilder MapChooseNewPassword(this IEndpointRouteBuilder access) =>
        access.MapPost("/password-links", async (ChooseNewPassword command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                await bus.InvokeAsync<PasswordChosen>(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .AsPublicForm(8 * 1024)
            .WithName(nameof(ChooseNewPassword))
            .WithSummary("Choisir son mot de passe avec le lien à usage unique reçu d'un administrateur")
            .ProducesValidationProblem();
}

using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>Opens a staff account with a first password; administrators only, or the <c>admin create</c> command.</summary>
public sealed record CreateStaffAccount(string Email, string DisplayName, string Role, OrganisingStructure? Organisation, string Password)
{
    public const int MinimumPasswordLength = 12;

    // A secret is never printed, whatever logs at Debug: the record's own ToString would show it.
    public override string ToString() => $"{nameof(CreateStaffAccount)} {{ Role = {Role}, Organisation = {Organisation} }}";
}

/// <summary>What an administrator sees of a staff account: never its password hash.</summary>
public sealed record StaffAccountView(Guid Id, string Email, string DisplayName, string Role, OrganisingStructure? Organisation, bool Locked)
{
    public static StaffAccountView Of(StaffAccount account, DateTimeOffset now) =>
        new(account.Id, account.Email, account.DisplayName, account.Role, account.Organisation, account.IsLockedAt(now));
}

internal sealed class CreateStaffAccountValidator : AbstractValidator<CreateStaffAccount>
{
    public CreateStaffAccountValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("L'adresse électronique est obligatoire.")
            .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.");
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Le nom est obligatoire.")
            .MaximumLength(120).WithMessage("Le nom ne doit pas dépasser 120 caractères.");
        RuleFor(c => c.Role).Must(role => StaffRole.All.Contains(role))
            .WithMessage("Le rôle doit être l'une des valeurs Administrator, ProgrammeStaff ou Auditor.");
        RuleFor(c => c.Organisation).NotNull().When(c => c.Role == StaffRole.ProgrammeStaff)
            .WithMessage("Un membre de l'équipe du programme doit appartenir à une structure (valeurs : Mgp, Inec, ObsAR, LesCanaux).");
        RuleFor(c => c.Organisation).IsInEnum().WithMessage("La structure doit être l'une des valeurs Mgp, Inec, ObsAR ou LesCanaux.");
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Le mot de passe est obligatoire.")
            .MinimumLength(CreateStaffAccount.MinimumPasswordLength)
            .WithMessage($"Le mot de passe doit compter au moins {CreateStaffAccount.MinimumPasswordLength} caractères.")
            .MaximumLength(256).WithMessage("Le mot de passe ne doit pas dépasser 256 caractères.");
    }
}

public static class CreateStaffAccountHandler
{
    public static async Task<StaffAccountView> Handle(
        CreateStaffAccount command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var email = StaffAccount.NormaliseEmail(command.Email);
        if (await session.Query<StaffAccount>().AnyAsync(account => account.Email == email, cancellationToken))
        {
            throw new ConflictException("Un compte existe déjà pour cette adresse électronique.");
        }

        var account = StaffAccount.Create(email, command.DisplayName, command.Role, command.Organisation, command.Password);
        session.Insert(account);
        return StaffAccountView.Of(account, time.GetUtcNow());
    }
}

internal static class CreateStaffAccountEndpoint
{
    public static RouteHandlerBuilder MapCreateStaffAccount(this IEndpointRouteBuilder access) =>
        access.MapPost("/staff-accounts", async (CreateStaffAccount command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var account = await bus.InvokeAsync<StaffAccountView>(command, cancellationToken);
                return TypedResults.Created($"/api/access/v1/staff-accounts/{account.Id}", account);
            })
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(CreateStaffAccount))
            .WithSummary("Ouvrir un compte pour un membre de l'équipe")
            .ProducesValidationProblem();
}

using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>
/// Opens a staff account; administrators only, or the <c>admin create</c> command. The first password is given
/// (<see cref="Password"/>), or generated, or replaced by a single-use link (<see cref="Delivery"/>), shown once in the answer.
/// </summary>
public sealed record CreateStaffAccount(
    string Email, string DisplayName, string Role, OrganisingStructure? Organisation, string? Password, CredentialDelivery? Delivery = null)
{
    public const int MinimumPasswordLength = StaffAccount.MinimumPasswordLength;

    // A secret is never printed, whatever logs at Debug: the record's own ToString would show it.
    public override string ToString() => $"{nameof(CreateStaffAccount)} {{ Role = {Role}, Organisation = {Organisation}, Delivery = {Delivery} }}";
}

/// <summary>The account opened, and the first password or link to pass on when Achats made one: shown this once.</summary>
public sealed record CreatedStaffAccount(Guid Id, string Email, string DisplayName, string Role, OrganisingStructure? Organisation, IssuedCredential? Credential);

internal sealed class CreateStaffAccountValidator : AbstractValidator<CreateStaffAccount>
{
    public CreateStaffAccountValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("L'adresse électronique est obligatoire.")
            .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.");
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Le nom est obligatoire.")
            .MaximumLength(120).WithMessage("Le nom ne doit pas dépasser 120 caractères.");
        Include(new StaffRoleRules<CreateStaffAccount>(c => c.Role, c => c.Organisation));
        RuleFor(c => c.Password).Null().When(c => c.Delivery is not null)
            .WithMessage("Donnez un mot de passe ou demandez-en un généré (ou un lien), pas les deux.");
        RuleFor(c => c.Password!).NewPassword().When(c => c.Delivery is null);
        RuleFor(c => c.Delivery).IsInEnum().WithMessage("Choisissez un mot de passe provisoire ou un lien à usage unique.");
    }
}

public static class CreateStaffAccountHandler
{
    public static async Task<CreatedStaffAccount> Handle(
        CreateStaffAccount command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var email = StaffAccount.NormaliseEmail(command.Email);
        if (await session.Query<StaffAccount>().AnyAsync(account => account.Email == email, cancellationToken))
        {
            throw new ConflictException("Un compte existe déjà pour cette adresse électronique.");
        }

        // With no password given, the account starts from one nobody knows, replaced at once by the credential issued.
        var account = StaffAccount.Create(email, command.DisplayName, command.Role, command.Organisation,
            command.Password ?? GeneratedPassword.New() + GeneratedPassword.New());
        IssuedCredential? credential = null;
        if (command.Delivery is { } delivery)
        {
            (account, credential) = IssuedCredential.For(account, delivery, time.GetUtcNow());
        }

        session.Insert(account);
        return new CreatedStaffAccount(account.Id, account.Email, account.DisplayName, account.Role, account.Organisation, credential);
    }
}

internal static class CreateStaffAccountEndpoint
{
    public static RouteHandlerBuilder MapCreateStaffAccount(this IEndpointRouteBuilder access) =>
        access.MapPost("/staff-accounts", async (CreateStaffAccount command, IMessageBus bus, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var account = await bus.InvokeAsync<CreatedStaffAccount>(command, cancellationToken);
                response.Headers.CacheControl = "no-store"; // a first password or link, shown once: no cache keeps it
                return TypedResults.Created($"/api/access/v1/staff-accounts/{account.Id}", account);
            })
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(CreateStaffAccount))
            .WithSummary("Ouvrir un compte pour un membre de l'équipe")
            .WithDescription("`role` : `Administrator`, `ProgrammeStaff` (avec `organisation` : `Mgp`, `Inec`, `ObsAR` ou `LesCanaux`) ou `Auditor`. Avec `password`, le premier mot de passe est celui donné ; sans lui, `delivery` demande un mot de passe provisoire généré (`GeneratedPassword`) ou un lien à usage unique valable 24 heures (`OneTimeLink`), renvoyé une seule fois dans `credential`.")
            .ProducesValidationProblem();
}

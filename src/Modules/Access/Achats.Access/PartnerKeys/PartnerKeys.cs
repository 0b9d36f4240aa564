using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.PartnerKeys;

/// <summary>Issues an API key to a partner, with its scopes; the key is in the answer, once, and nowhere else.</summary>
public sealed record IssuePartnerKey(OrganisingStructure Partner, string[] Scopes, string Label);

/// <summary>Revokes a partner key: from then on it authenticates nobody.</summary>
public sealed record RevokePartnerKey(Guid KeyId);

/// <summary>Every partner key, revoked ones included, without their secrets.</summary>
public sealed record ListPartnerKeys;

/// <summary>A partner key as administrators see it.</summary>
public sealed record PartnerKeyView(
    Guid Id, OrganisingStructure Partner, string[] Scopes, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt = null)
{
    public static PartnerKeyView Of(PartnerApiKey key, PartnerKeyUse? use = null) =>
        new(key.Id, key.Partner, key.Scopes, key.Label, key.CreatedAt, key.RevokedAt, use?.LastUsedAt);
}

/// <summary>A newly issued key: the only time the key itself is shown.</summary>
public sealed record IssuedPartnerKey(Guid Id, OrganisingStructure Partner, string[] Scopes, string Label, DateTimeOffset CreatedAt, string Key);

internal sealed class IssuePartnerKeyValidator : AbstractValidator<IssuePartnerKey>
{
    public IssuePartnerKeyValidator()
    {
        // The Métropole pilots the programme and attests nothing: only its partners hold keys.
        RuleFor(c => c.Partner).Must(partner => partner.IsPartner()).WithMessage("Choisissez le partenaire : l'INEC, l'ObsAR ou Les Canaux.");
        RuleFor(c => c.Scopes).NotEmpty().WithMessage("Cochez au moins une permission.")
            .Must(scopes => scopes is null || scopes.Length <= PartnerScope.All.Count).WithMessage("Cochez chaque permission une fois au plus.");
        RuleForEach(c => c.Scopes).Must(scope => PartnerScope.All.Contains(scope))
            .WithMessage($"Permission inconnue : les permissions sont {string.Join(", ", PartnerScope.All)}.");
        RuleFor(c => c.Label).NotEmpty().WithMessage("Le libellé de la clé est obligatoire.")
            .MaximumLength(120).WithMessage("Le libellé ne doit pas dépasser 120 caractères.");
    }
}

public static class PartnerKeyHandler
{
    public static IssuedPartnerKey Handle(IssuePartnerKey command, IDocumentSession session, TimeProvider time)
    {
        var (stored, key) = PartnerApiKey.Issue(command.Partner, command.Scopes, command.Label, time.GetUtcNow());
        session.Insert(stored);
        return new IssuedPartnerKey(stored.Id, stored.Partner, stored.Scopes, stored.Label, stored.CreatedAt, key);
    }

    public static async Task<PartnerKeyView> Handle(RevokePartnerKey command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await session.LoadAsync<PartnerApiKey>(command.KeyId, cancellationToken)
            ?? throw new NotFoundException("Aucune clé de partenaire ne porte cet identifiant.");
        if (!key.IsRevoked)
        {
            key = key with { RevokedAt = time.GetUtcNow() };
            session.Update(key);
        }

        return PartnerKeyView.Of(key);
    }

    public static async Task<IReadOnlyList<PartnerKeyView>> Handle(ListPartnerKeys query, IQuerySession session, CancellationToken cancellationToken)
    {
        var keys = await session.Query<PartnerApiKey>().OrderBy(key => key.CreatedAt).ToListAsync(cancellationToken);
        var uses = (await session.LoadManyAsync<PartnerKeyUse>(cancellationToken, keys.Select(key => key.Id))).ToDictionary(use => use.Id);
        return keys.Select(key => PartnerKeyView.Of(key, uses.GetValueOrDefault(key.Id))).ToList();
    }
}

internal static class PartnerKeyEndpoints
{
    public static IEndpointRouteBuilder MapPartnerKeys(this IEndpointRouteBuilder access)
    {
        access.MapPost("/partner-keys", async (IssuePartnerKey command, IMessageBus bus, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var issued = await bus.InvokeAsync<IssuedPartnerKey>(command, cancellationToken);
                response.Headers.CacheControl = "no-store"; // the only copy of the key: no cache keeps it
                return TypedResults.Created($"/api/access/v1/partner-keys/{issued.Id}", issued);
            })
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(IssuePartnerKey))
            .WithSummary("Émettre une clé d'API pour un partenaire (affichée une seule fois)")
            .ProducesValidationProblem();

        access.MapDelete("/partner-keys/{keyId:guid}", async (Guid keyId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                await bus.InvokeAsync<PartnerKeyView>(new RevokePartnerKey(keyId), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(RevokePartnerKey))
            .WithSummary("Révoquer une clé de partenaire");

        access.MapGet("/partner-keys", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<PartnerKeyView>>(new ListPartnerKeys(), cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(ListPartnerKeys))
            .WithSummary("Lister les clés des partenaires");
        return access;
    }
}

/// <summary>What a partner's key says about itself: whom it acts for and what it may do.</summary>
public sealed record PartnerIdentity(string Partner, string[] Scopes);

internal static class PartnerIdentityEndpoint
{
    public static RouteHandlerBuilder MapPartnerIdentity(this IEndpointRouteBuilder partners) =>
        partners.MapGet("/me", (HttpContext context) => TypedResults.Ok(new PartnerIdentity(
                context.User.FindFirst(AccessClaims.Partner)!.Value,
                context.User.FindAll(AccessClaims.Scope).Select(scope => scope.Value).ToArray())))
            .RequireAuthorization(Policies.Partner)
            .WithName("PartnerIdentity")
            .WithSummary("Le partenaire et les permissions de la clé utilisée");
}

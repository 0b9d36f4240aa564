using System.Security.Claims;
using System.Text.Encodings.Web;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Achats.Access.PartnerKeys;

/// <summary>
/// Authenticates a partner by the <c>Authorization: ApiKey &lt;key&gt;</c> header: the key's partner and
/// scopes become the caller's claims, and its use is noted. A missing, unknown or revoked key gets 401.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store, PartnerKeyUses uses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header[(SchemeName.Length + 1)..].Trim();
        if (PartnerApiKey.PrefixOf(presented) is not { } prefix)
        {
            return AuthenticateResult.Fail("Malformed API key");
        }

        await using var session = store.QuerySession();
        var key = await session.Query<PartnerApiKey>().SingleOrDefaultAsync(candidate => candidate.Prefix == prefix, Context.RequestAborted);
        if (key is null || key.IsRevoked || !key.Matches(presented))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key");
        }

        await uses.RecordAsync(key.Id, Context.RequestAborted);
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, key.Id.ToString()), new(AccessClaims.Partner, key.Partner.ToString())];
        claims.AddRange(key.Scopes.Select(scope => new Claim(AccessClaims.Scope, scope)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }
}

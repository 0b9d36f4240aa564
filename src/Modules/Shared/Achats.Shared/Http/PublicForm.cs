using Microsoft.AspNetCore.Builder;

namespace Achats.Shared.Http;

/// <summary>
/// A form anyone may post (pre-registration, charter signature, catalogue submission, sign-in): open to
/// anonymous callers, rate limited per client address, and refused with 413 beyond its body size.
/// </summary>
public static class PublicForm
{
    public const string RateLimitPolicy = "public-form";
    public const long DefaultMaxBodyBytes = 64 * 1024;

    public static TBuilder AsPublicForm<TBuilder>(this TBuilder endpoint, long maxBodyBytes = DefaultMaxBodyBytes)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new PublicFormLimit(maxBodyBytes));
}

/// <summary>The largest body a public form accepts.</summary>
public sealed record PublicFormLimit(long MaxBodyBytes);

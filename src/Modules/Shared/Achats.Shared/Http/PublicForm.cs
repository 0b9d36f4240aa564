using Microsoft.AspNetCore.Builder;

namespace Achats.Shared.Http;

/// <summary>
/// A form anyone may post (pre-registration, charter signature, catalogue submission, sign-in): open to
/// anonymous callers, its posts rate limited per client address, and refused with 413 beyond its body size.
/// On a page: <c>@attribute [PublicForm]</c>; on an endpoint: <c>.AsPublicForm()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicFormAttribute(long maxBodyBytes = PublicFormAttribute.DefaultMaxBodyBytes) : Attribute
{
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The largest body the form accepts.</summary>
    public long MaxBodyBytes { get; } = maxBodyBytes;
}

public static class PublicForm
{
    public static TBuilder AsPublicForm<TBuilder>(this TBuilder endpoint, long maxBodyBytes = PublicFormAttribute.DefaultMaxBodyBytes)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AllowAnonymous().WithMetadata(new PublicFormAttribute(maxBodyBytes));
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Achats.Host.Web;

/// <summary>
/// Behind a reverse proxy that ends TLS, the client's address and scheme come from its <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, trusted only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses)
/// and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). Nothing configured, nothing is read: a client could
/// otherwise pick its own address and escape the rate limits.
/// </summary>
public static class ReverseProxyHeaders
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddReverseProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator names.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    public static IApplicationBuilder UseReverseProxyHeaders(this WebApplication app)
    {
        var configured = app.Configuration.GetSection($"{Section}:KnownProxies").GetChildren().Any()
            || app.Configuration.GetSection($"{Section}:KnownNetworks").GetChildren().Any();
        return configured ? app.UseForwardedHeaders() : app;
    }
}

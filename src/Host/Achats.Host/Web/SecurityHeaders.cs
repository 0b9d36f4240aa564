namespace Achats.Host.Web;

/// <summary>
/// The headers every answer carries: a Content-Security-Policy that allows only this site's own
/// scripts, styles and forms, no framing, no MIME sniffing, and no referrer sent elsewhere. The API
/// reference page (Scalar) starts itself with an inline script and inline styles, so it alone may. Outside
/// Development an answer over HTTPS tells the browser to use HTTPS only (HSTS), and every answer an endpoint writes
/// (pages, APIs, exports: what may hold personal data) is kept out of every cache; static files alone may be cached.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>A year, the value browsers' preload lists expect.</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IHostEnvironment environment) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (context.Request.IsHttps && !environment.IsDevelopment())
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            if (context.GetEndpoint() is not null)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}

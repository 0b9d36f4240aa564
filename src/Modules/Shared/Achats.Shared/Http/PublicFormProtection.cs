using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Http;

/// <summary>
/// What <see cref="PublicFormAttribute"/> promises: a fixed window of posts per form and client address (each form its own
/// budget: sign-in attempts never use up a pre-registration's), and a bounded body.
/// </summary>
public static class PublicFormProtection
{
    public static IServiceCollection AddPublicFormProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("PublicForms:PermitsPerMinute", 20);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One limiter for every public form, endpoint or page alike: it reads the [PublicForm] mark itself.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<PublicFormAttribute>() is not null
                && HttpMethods.IsPost(context.Request.Method) && context.Connection.RemoteIpAddress is { } address
                    ? RateLimitPartition.GetFixedWindowLimiter($"{FormOf(endpoint)} {address}", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    // Reading a form page is not limited, only posting it. Only an in-process test server has no client
                    // address; every real connection has one.
                    : RateLimitPartition.GetNoLimiter("not-limited"));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = "Trop d'envois depuis votre adresse IP : réessayez dans une minute.",
                    },
                });
            };
        });
        return services;
    }

    private static string FormOf(Endpoint endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "";

    /// <summary>After routing: refuses an announced body beyond the form's limit, and caps what the server will read.</summary>
    public static IApplicationBuilder UsePublicFormLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicFormAttribute>() is { } limit)
        {
            if (context.Request.ContentLength > limit.MaxBodyBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = limit.MaxBodyBytes;
            }
        }

        await next(context);
    });
}

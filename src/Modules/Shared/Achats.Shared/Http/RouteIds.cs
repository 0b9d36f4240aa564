using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Http;

/// <summary>
/// The one place an id in a path is judged: <c>{id:guid}</c> matches a well-formed GUID other than the empty one,
/// so a malformed or empty id finds no route and is answered 404 like any address that names nothing, before
/// an endpoint, a page or Marten (which refuses an empty stream id) sees it.
/// </summary>
public static class RouteIds
{
    public static IServiceCollection AddRouteIds(this IServiceCollection services) =>
        services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<ExistingIdConstraint>("guid"));

    internal sealed class ExistingIdConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value) && IsId(value);

        private static bool IsId(object? value) => value switch
        {
            Guid id => id != Guid.Empty,
            string text => Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) && id != Guid.Empty,
            _ => false,
        };
    }
}

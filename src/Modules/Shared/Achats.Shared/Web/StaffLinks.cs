using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Web;

/// <summary>
/// An entry of the staff navigation, registered by the module that owns the page: the layout shows, in
/// <see cref="Order"/>, those whose <see cref="Policy"/> the signed-in person satisfies.
/// </summary>
public sealed record StaffLink(string Text, string Href, string Policy, int Order);

public static class StaffLinks
{
    public static IServiceCollection AddStaffLink(this IServiceCollection services, string text, string href, string policy, int order) =>
        services.AddSingleton(new StaffLink(text, href, policy, order));
}

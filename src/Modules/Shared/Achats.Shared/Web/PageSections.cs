using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Shared.Web;

/// <summary>
/// A part of a page owned by another module: the enrolment's page shows Charter's signature state, the
/// dashboard shows Charter's lapsed re-signatures and Cohorts' attendance. The owning module registers its
/// component for a slot; the page renders every component of the slot, each reading through its own
/// module's queries. Components of <see cref="Dashboard"/> take a <c>CohortId</c>, those of
/// <see cref="Enrolment"/> an <c>EnrolmentId</c> and a <c>CohortId</c>, those of <see cref="Partner"/> a <c>Partner</c>.
/// </summary>
public sealed record PageSection(string Slot, Type Component, int Order)
{
    public const string Dashboard = "dashboard";
    public const string Enrolment = "enrolment";

    /// <summary>The partners page, for one partner: components take a <c>Partner</c> (an <c>OrganisingStructure</c>).</summary>
    public const string Partner = "partner";
}

public static class PageSections
{
    public static IServiceCollection AddPageSection<TComponent>(this IServiceCollection services, string slot, int order)
        where TComponent : IComponent =>
        services.AddSingleton(new PageSection(slot, typeof(TComponent), order));
}

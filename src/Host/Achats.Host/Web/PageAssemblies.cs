namespace Achats.Host.Web;

/// <summary>The modules whose assemblies hold pages: the router looks for routes in them.</summary>
internal static class PageAssemblies
{
    public static readonly System.Reflection.Assembly[] Modules =
    [
        typeof(Access.AccessModule).Assembly,
        typeof(Enrolment.EnrolmentModule).Assembly,
        typeof(Charter.CharterModule).Assembly,
        typeof(Cohorts.CohortsModule).Assembly,
        typeof(Catalogue.CatalogueModule).Assembly,
        typeof(Community.CommunityModule).Assembly,
        typeof(Audit.AuditModule).Assembly,
    ];
}

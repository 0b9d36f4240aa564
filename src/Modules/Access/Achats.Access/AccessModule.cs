using Achats.Access.PartnerKeys;
using Achats.Access.SigningIn;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Shared.Web;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Achats.Access;

/// <summary>The Access module's wiring: the Host calls these and nothing else of the module.</summary>
public static class AccessModule
{
    public const string Schema = "access";

    /// <summary>The authentication scheme of partner keys (<c>Authorization: ApiKey &lt;key&gt;</c>), for the API documents.</summary>
    public const string ApiKeyScheme = ApiKeyAuthentication.SchemeName;

    /// <summary>Staff sessions (cookie, optionally OpenID Connect), partner API keys, and what each access policy requires.</summary>
    public static IServiceCollection AddAccessModule(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration) =>
        services.AddSingleton<PartnerKeyUses>()
            .AddSingleton<SignInThrottle>()
            .AddStaffLink(StaffAccountTexts.AccessHeading, "/acces", Policies.ManageAccess, 90)
            .AddStaffLink(PasswordTexts.MyAccountHeading, "/mon-compte", Policies.AnyStaff, 100)
            .AddPageSection<PartnerKeysSection>(PageSection.Partner, 10)
            .AddAccessPolicies(environment, configuration);

    public static StoreOptions ConfigureAccess(this StoreOptions options)
    {
        options.Schema.For<StaffAccount>().DatabaseSchemaName(Schema)
            .UniqueIndex(account => account.Email)
            .UseOptimisticConcurrency(true);
        options.Schema.For<PartnerApiKey>().DatabaseSchemaName(Schema)
            .UniqueIndex(key => key.Prefix);
        options.Schema.For<PartnerKeyUse>().DatabaseSchemaName(Schema);
        options.Schema.For<StaffSession>().DatabaseSchemaName(Schema)
            .Index(session => session.AccountId);
        options.Schema.For<DataProtectionKey>().DatabaseSchemaName(Schema);
        return options;
    }

    public static WolverineOptions ConfigureAccess(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(AccessModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapAccessModule(this IEndpointRouteBuilder app)
    {
        app.MapSignOut();
        app.MapOpenIdConnectSignIn();

        var access = app.MapGroup("/api/access/v1").WithTags("Accès");
        access.MapCreateStaffAccount();
        access.MapListStaffAccounts();
        access.MapGetStaffAccount();
        access.MapChangeStaffRole();
        access.MapDisableStaffAccount();
        access.MapEnableStaffAccount();
        access.MapResetStaffPassword();
        access.MapChooseNewPassword();
        access.MapChangeOwnPassword();
        access.MapPartnerKeys();

        var partners = app.MapGroup("/api/partners/v1").WithTags("Partenaires");
        partners.MapPartnerIdentity();
        return app;
    }

    /// <summary>Whether the command line asks for an <c>admin</c> command rather than the web application.</summary>
    public static bool HandlesCommand(string[] args) => AdminCommand.Handles(args);

    /// <summary>Runs the <c>admin</c> command on the built application; the exit code of the process.</summary>
    public static Task<int> RunCommandAsync(IHost app, string[] args) => AdminCommand.RunAsync(app, args);
}

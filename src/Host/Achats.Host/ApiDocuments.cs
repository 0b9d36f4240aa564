using Achats.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Achats.Host;

/// <summary>
/// Two OpenAPI documents: <c>v1</c> for the programme's own API, <c>partners</c> for INEC, ObsAR and Les
/// Canaux, which says how a partner authenticates (its API key in the Authorization header). The public catalogue's
/// reading endpoints are in both: partners may show the catalogue, and need no key for it.
/// </summary>
internal static class ApiDocuments
{
    public const string Main = "v1";
    public const string Partners = "partners";
    private const string PartnersPath = "api/partners/";

    /// <summary>The public catalogue's reading endpoints (anonymous), offered to partners too.</summary>
    private static readonly string[] PublicCataloguePaths = ["api/catalogue/v1/solutions", "api/catalogue/v1/solutions/{solutionId}"];

    public static void ConfigureMain(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith(PartnersPath, StringComparison.Ordinal) != true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Achats — Programme Achats Circulaires et Solidaires";
            document.Info.Description = "API de l'équipe du programme : éditions, inscriptions, accès. Authentification par la session de connexion.";
            return Task.CompletedTask;
        });
    }

    public static void ConfigurePartners(OpenApiOptions options)
    {
        options.ShouldInclude = description =>
            description.RelativePath?.StartsWith(PartnersPath, StringComparison.Ordinal) == true
            || (description.HttpMethod == HttpMethods.Get && PublicCataloguePaths.Contains(description.RelativePath));
        // The document asks for a key everywhere; an anonymous endpoint says it needs none.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Achats — API des partenaires";
            document.Info.Description =
                "API d'INEC, d'ObsAR et des Canaux. Chaque appel porte la clé remise par l'équipe du programme : " +
                "« Authorization: ApiKey <clé> ». Une clé agit pour un seul partenaire, avec les permissions qu'elle porte.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [AccessModule.ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "Authorization",
                    Description = "« ApiKey » suivi d'une espace et de la clé du partenaire.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessModule.ApiKeyScheme, document)] = [] }];
            return Task.CompletedTask;
        });
    }
}

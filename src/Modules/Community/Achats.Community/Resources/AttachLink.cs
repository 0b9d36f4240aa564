using Achats.Community.Spaces;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>Staff attach a link (a recording, a page) to a session of the space: a title and an https address.</summary>
public sealed record AttachLink(Guid CohortId, Guid SessionId, string Title, string Url, Visitor Visitor);

/// <summary>The body of <see cref="AttachLink"/> through the API; the visitor comes from the request.</summary>
public sealed record AttachLinkRequest(Guid SessionId, string Title, string Url);

internal sealed class AttachLinkValidator : AbstractValidator<AttachLink>
{
    public AttachLinkValidator()
    {
        RuleFor(command => command.Title).NotEmpty().WithMessage("Donnez un titre à ce lien.")
            .MaximumLength(AttachDocumentValidator.MaxTitle).WithMessage($"Le titre tient en {AttachDocumentValidator.MaxTitle} caractères au plus.");
        RuleFor(command => command.Url).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Donnez l'adresse du lien.")
            .MaximumLength(2000).WithMessage("L'adresse tient en 2 000 caractères au plus.")
            .Must(IsHttps).WithMessage("Donnez une adresse complète et sécurisée, commençant par https://.");
    }

    public static bool IsHttps(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps && address.Host.Length > 0;
}

public static class AttachLinkHandler
{
    public static async Task<ResourceAttached> Handle(AttachLink command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (visit, stream) = await SessionMaterial.OpenForStaffAsync(session, command.CohortId, command.SessionId, command.Visitor, cancellationToken);
        var attached = new LinkAttached(Guid.CreateVersion7(), command.CohortId, command.SessionId, command.Title.Trim(), command.Url.Trim(),
            visit.Actor(), clock.GetUtcNow());
        stream.AppendOne(attached);
        return new ResourceAttached(attached.ResourceId);
    }
}

internal static class AttachLinkEndpoint
{
    public static RouteHandlerBuilder MapAttachLink(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/resources/links",
                async (Guid cohortId, AttachLinkRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                {
                    var attached = await bus.InvokeAsync<ResourceAttached>(
                        new AttachLink(cohortId, request.SessionId, request.Title ?? "", request.Url ?? "", Visitor.Of(http.User)), cancellationToken);
                    return TypedResults.Created($"/api/community/v1/spaces/{cohortId}/resources/{attached.ResourceId}", attached);
                })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(AttachLink))
            .WithSummary("Joindre un lien à une séance")
            .WithDescription("Équipe du programme : un titre et une adresse https (un enregistrement, une page).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

using Achats.Community.Spaces;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>Staff attach a file (slides, a report) to a session of the space: PDF, PNG, JPEG, DOCX, XLSX or PPTX, size-limited.</summary>
public sealed record AttachDocument(Guid CohortId, Guid SessionId, string Title, string FileName, byte[] Content, Visitor Visitor);

/// <summary>The resource just attached.</summary>
public sealed record ResourceAttached(Guid ResourceId);

internal sealed class AttachDocumentValidator : AbstractValidator<AttachDocument>
{
    public const int MaxTitle = 150;

    public AttachDocumentValidator(IConfiguration configuration)
    {
        var maxMegabytes = ResourceFiles.MaxMegabytes(configuration);
        RuleFor(command => command.Title).NotEmpty().WithMessage("Donnez un titre à ce document.")
            .MaximumLength(MaxTitle).WithMessage($"Le titre tient en {MaxTitle} caractères au plus.");
        RuleFor(command => command.FileName).NotEmpty().WithMessage("Le fichier n'a pas de nom.")
            .MaximumLength(200).WithMessage("Le nom du fichier tient en 200 caractères au plus.");
        RuleFor(command => command.Content).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choisissez un fichier à joindre : celui-ci est vide ou manquant.")
            .Must(content => content.LongLength <= maxMegabytes * 1024L * 1024L)
            .WithMessage(TooBig(maxMegabytes))
            .Must(content => ResourceFiles.Detect(content) is not null)
            .WithMessage("Ce type de fichier n'est pas accepté : joignez un PDF, une image PNG ou JPEG, ou un document Word, Excel ou PowerPoint (DOCX, XLSX, PPTX).")
            .Must((command, content) => ResourceFiles.NameFits(command.FileName, ResourceFiles.Detect(content)!))
            .WithMessage("Le contenu de ce fichier ne correspond pas à l'extension de son nom : renommez-le, ou joignez le bon fichier.");
    }

    public static string TooBig(int maxMegabytes) =>
        $"Ce fichier dépasse la taille autorisée de {maxMegabytes} Mo : réduisez-le, ou déposez-le ailleurs et joignez son lien.";
}

public static class AttachDocumentHandler
{
    public static async Task<ResourceAttached> Handle(AttachDocument command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (visit, stream) = await SessionMaterial.OpenForStaffAsync(session, command.CohortId, command.SessionId, command.Visitor, cancellationToken);
        var attached = Decide(command, visit.Actor(), Guid.CreateVersion7(), clock.GetUtcNow());
        stream.AppendOne(attached);
        ResourceFiles.Store(session, attached.ResourceId, command.Content);
        return new ResourceAttached(attached.ResourceId);
    }

    public static DocumentAttached Decide(AttachDocument command, string actor, Guid resourceId, DateTimeOffset now) =>
        new(resourceId, command.CohortId, command.SessionId, command.Title.Trim(), Path.GetFileName(command.FileName.Trim()),
            ResourceFiles.Detect(command.Content)!, command.Content.LongLength, actor, now);
}

internal static class AttachDocumentEndpoint
{
    /// <summary>
    /// A multipart form (<c>title</c>, <c>sessionId</c>, <c>file</c>). Antiforgery is left to the staff cookie's SameSite=Lax
    /// (ADR 0056): a program sends this form, not a page; the page's own form carries its token.
    /// </summary>
    public static RouteHandlerBuilder MapAttachDocument(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/resources/documents", async (Guid cohortId, HttpContext http, IMessageBus bus, IConfiguration configuration, CancellationToken cancellationToken) =>
            {
                var form = await ReadFormAsync(http.Request, cancellationToken);
                var file = form.Files.GetFile("file");
                EnsureNotTooBig(file, ResourceFiles.MaxMegabytes(configuration));
                var attached = await bus.InvokeAsync<ResourceAttached>(new AttachDocument(cohortId, Guid.TryParse(form["sessionId"], out var sessionId) ? sessionId : Guid.Empty,
                    form["title"].ToString(), file?.FileName ?? "", await ReadAsync(file, cancellationToken), Visitor.Of(http.User)), cancellationToken);
                return TypedResults.Created($"/api/community/v1/spaces/{cohortId}/resources/{attached.ResourceId}", attached);
            })
            .RequireAuthorization(Policies.SpaceVisitor)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithName(nameof(AttachDocument))
            .WithSummary("Joindre un document à une séance")
            .WithDescription("Équipe du programme : formulaire multipart (title, sessionId, file). PDF, PNG, JPEG, DOCX, XLSX ou PPTX, reconnus à leur contenu ; 20 Mo au plus.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>The form of a multipart request; anything else is refused as unreadable (415, 400), never a 500.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new BadHttpRequestException("Multipart form expected.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException)
        {
            throw new BadHttpRequestException("Unreadable form.", StatusCodes.Status400BadRequest, unreadable);
        }
    }

    /// <summary>A file beyond the limit is refused from its announced length, before its bytes are copied.</summary>
    public static void EnsureNotTooBig(IFormFile? file, int maxMegabytes)
    {
        if (file?.Length > maxMegabytes * 1024L * 1024L)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(nameof(AttachDocument.Content),
                AttachDocumentValidator.TooBig(maxMegabytes))]);
        }
    }

    /// <summary>The file's bytes (empty for no file: the validator says so in French).</summary>
    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return [];
        }

        using var bytes = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(bytes, cancellationToken);
        return bytes.ToArray();
    }
}

using Achats.Community.Resources;
using Achats.Community.Spaces;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using JasperFx.Events;

namespace Achats.Community.Announcements;

/// <summary>What posting and editing an announcement share: its limits, and the announcement of this space fetched for writing.</summary>
internal static class AnnouncementRules
{
    public const int MaxTitle = 150;

    public const int MaxText = 5000;

    public const string NotFound = "Cette annonce n'existe pas dans cet espace.";

    public static void TitleAndText<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string>> title,
        System.Linq.Expressions.Expression<Func<T, string>> text)
    {
        validator.RuleFor(title).NotEmpty().WithMessage("Donnez un titre à l'annonce.")
            .MaximumLength(MaxTitle).WithMessage($"Le titre tient en {MaxTitle} caractères au plus.");
        validator.RuleFor(text).NotEmpty().WithMessage("Écrivez le texte de l'annonce.")
            .MaximumLength(MaxText).WithMessage($"Le texte tient en {MaxText} caractères au plus.");
    }

    /// <summary>The staff door of the space, then its announcement at <paramref name="version"/> (409 if changed meanwhile).</summary>
    public static async Task<(SpaceVisit Visit, IEventStream<Announcement> Stream)> OpenAsync(
        IDocumentSession session, Guid cohortId, Guid announcementId, int? version, Visitor visitor, CancellationToken cancellationToken)
    {
        var visit = SessionMaterial.StaffVisit(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(cohortId), cancellationToken), visitor);
        var stream = await session.Events.FetchForWriting<Announcement>(announcementId, cancellationToken);
        if (stream.Aggregate is not { IsWithdrawn: false } announcement || announcement.CohortId != cohortId)
        {
            throw new NotFoundException(NotFound);
        }

        if (version is { } expected && expected != announcement.Version)
        {
            throw new ConflictException("Quelqu'un a modifié cette annonce entre-temps : rechargez-la, puis recommencez si besoin.");
        }

        return (visit, stream);
    }
}

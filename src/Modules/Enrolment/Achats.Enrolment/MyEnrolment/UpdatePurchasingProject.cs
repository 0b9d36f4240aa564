using Achats.Cohorts.Contracts;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// The participant describes their purchasing project again, until admission; from then on the edition's team follows
/// it (Cohorts' projects), so it changes there.
/// </summary>
public sealed record UpdatePurchasingProject(Guid EnrolmentId, string Title, PurchaseCategory? Category, IReadOnlyList<Theme>? Themes)
    : ParticipantCommand(EnrolmentId);

internal sealed class UpdatePurchasingProjectValidator : AbstractValidator<UpdatePurchasingProject>
{
    public UpdatePurchasingProjectValidator()
    {
        RuleFor(command => command.Title).ProjectTitle();
        RuleFor(command => command.Category).ProjectCategory();
        RuleFor(command => command.Themes).ProjectThemes();
        RuleForEach(command => command.Themes).IsInEnum().WithMessage(ProjectRules.UnknownTheme);
    }
}

public static class UpdatePurchasingProjectHandler
{
    public static (EnrolmentChanged, Events) Handle(
        UpdatePurchasingProject command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, IMessageContext context)
    {
        command.ActAsOwner(enrolment, context, session);
        var events = Decide(enrolment, command, Guid.CreateVersion7());
        return (enrolment.Changed(events), [.. events]);
    }

    /// <summary>The project keeps its id when it has one, so what refers to it still does.</summary>
    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, UpdatePurchasingProject command, Guid newProjectId)
    {
        if (enrolment.Status is not (EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested or EnrolmentStatus.Validated))
        {
            throw new ConflictException(enrolment.Status == EnrolmentStatus.Admitted
                ? "Vous êtes admis·e : votre projet d'achat est désormais suivi avec l'équipe de l'édition. Écrivez-lui pour le faire évoluer."
                : $"Votre inscription est {EnrolmentMessages.Describe(enrolment.Status)} : son projet d'achat ne change plus.");
        }

        // The procedure's date and milestone given at pre-registration stay: this page does not change them.
        var project = enrolment.Project is { } known
            ? known with { Title = command.Title.Trim(), Category = command.Category!.Value, Themes = command.Themes!.Distinct().Order().ToList() }
            : new PurchasingProject(newProjectId, command.Title.Trim(), command.Category!.Value, command.Themes!.Distinct().Order().ToList());
        return enrolment.Project is { } current && current.Title == project.Title && current.Category == project.Category
            && current.Themes.SequenceEqual(project.Themes)
            ? []
            : [new PurchasingProjectUpdated(project)];
    }
}

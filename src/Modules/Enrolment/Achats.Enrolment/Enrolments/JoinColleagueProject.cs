using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// A participant works on a colleague's purchasing project: an organisation may run several projects in
/// parallel, each with its own participants.
/// </summary>
public sealed record JoinColleagueProject(Guid EnrolmentId, Guid ColleagueEnrolmentId);

internal sealed class JoinColleagueProjectValidator : AbstractValidator<JoinColleagueProject>
{
    public JoinColleagueProjectValidator()
    {
        RuleFor(command => command.ColleagueEnrolmentId).NotEmpty().WithMessage("Indiquez l'inscription qui porte le projet d'achat.")
            .NotEqual(command => command.EnrolmentId).WithMessage("Choisissez le projet d'un ou d'une collègue.");
    }
}

public static class JoinColleagueProjectHandler
{
    /// <summary>The colleague whose project is joined (null when unknown): read, not written. Wolverine runs this before the validator.</summary>
    public static async Task<ColleagueEnrolment> LoadAsync(JoinColleagueProject command, IQuerySession session, CancellationToken cancellationToken) =>
        new(await session.LoadAsync<EnrolmentFile>(command.ColleagueEnrolmentId, cancellationToken));

    public static (EnrolmentChanged, Events) Handle(JoinColleagueProject command, [WriteEnrolment] EnrolmentFile enrolment, ColleagueEnrolment colleague)
    {
        var events = Decide(enrolment, colleague.File
            ?? throw new NotFoundException(EnrolmentStreams.NotFound.Replace("{Id}", command.ColleagueEnrolmentId.ToString(), StringComparison.Ordinal)));
        return (enrolment.Changed(events), [.. events]);
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, EnrolmentFile colleague)
    {
        Colleagues.EnsureSameOrganisationAndCohort(enrolment, colleague);
        var project = colleague.Project
            ?? throw new RuleViolationException("no-project", "Cette inscription ne porte pas de projet d'achat.");
        return enrolment.Project?.Id == project.Id
            ? throw new ConflictException("Cette inscription participe déjà à ce projet d'achat.")
            : [new PurchasingProjectJoined(project, colleague.Id)];
    }
}

/// <summary>The enrolment whose project is joined, beside the one that joins it.</summary>
public sealed record ColleagueEnrolment(EnrolmentFile? File);

internal static class JoinColleagueProjectEndpoint
{
    public static RouteHandlerBuilder MapJoinColleagueProject(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<JoinColleagueProject>("project", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Rattacher un participant au projet d'achat d'un collègue");
}

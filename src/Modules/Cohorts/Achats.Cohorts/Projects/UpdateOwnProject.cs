using Achats.Cohorts.Contracts;
using FluentValidation;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Cohorts.Projects;

// A participant updates a project they carry from their space (Cohorts.Contracts' UpdateOwnProject): staff's update,
// at the version read (a stale one: 409), refused as unknown when the project is not theirs.

internal sealed class UpdateOwnProjectValidator : AbstractValidator<UpdateOwnProject>
{
    private static readonly UpdatePurchasingProjectValidator Update = new();

    public UpdateOwnProjectValidator() =>
        RuleFor(command => command).Custom((command, context) =>
            Update.Validate(UpdateOwnProjectHandler.AsUpdate(command)).Errors.ForEach(context.AddFailure));
}

public static class UpdateOwnProjectHandler
{
    public static (OwnProjectSaved, Events) Handle(
        UpdateOwnProject command,
        [WriteAggregate(nameof(UpdateOwnProject.ProjectId), OnMissing = OnMissing.ThrowException, MissingMessage = UpdatePurchasingProjectHandler.NotFound)]
        PurchasingProject project,
        TimeProvider time)
    {
        var events = Decide(project, command, time.GetUtcNow());
        return (new OwnProjectSaved(project.Id, project.Version + events.Count), [.. events]);
    }

    /// <summary>Only a carrier of the project (the participant or their binôme) updates it from their space.</summary>
    public static IReadOnlyList<object> Decide(PurchasingProject? project, UpdateOwnProject command, DateTimeOffset now) =>
        project is not null && project.Owners.Contains(command.EnrolmentId)
            ? UpdatePurchasingProjectHandler.Decide(project, AsUpdate(command), now)
            : throw new Shared.Http.NotFoundException(UpdatePurchasingProjectHandler.NotFound);

    internal static UpdatePurchasingProject AsUpdate(UpdateOwnProject own) => new(
        own.CohortId, own.ProjectId, own.Version, own.Title, own.Category, own.Themes, own.ExpectedProcedureOn, own.Milestone, own.Notes);
}

using Achats.Cohorts.Contracts;
using FluentValidation;
using Marten;

namespace Achats.Cohorts.Projects;

// A participant declares their own project from their space (Cohorts.Contracts' DeclareOwnProject): the same
// declaration as staff's, on the enrolment the space checked, decided and validated by the same rules.

internal sealed class DeclareOwnProjectValidator : AbstractValidator<DeclareOwnProject>
{
    private static readonly DeclarePurchasingProjectValidator Declaration = new();

    public DeclareOwnProjectValidator() =>
        RuleFor(command => command).Custom((command, context) =>
            Declaration.Validate(DeclareOwnProjectHandler.AsDeclaration(command)).Errors.ForEach(context.AddFailure));
}

public static class DeclareOwnProjectHandler
{
    public static async Task<OwnProjectSaved> Handle(DeclareOwnProject command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var declared = await DeclarePurchasingProjectHandler.Handle(AsDeclaration(command), session, time, cancellationToken);
        return new OwnProjectSaved(declared.ProjectId, declared.Version);
    }

    internal static DeclarePurchasingProject AsDeclaration(DeclareOwnProject own) => new(
        own.CohortId, own.EnrolmentId, own.Title, own.Category, own.Themes, own.ExpectedProcedureOn, own.Milestone, own.Notes);
}

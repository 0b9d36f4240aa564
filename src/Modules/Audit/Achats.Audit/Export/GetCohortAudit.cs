using Achats.Enrolment.Contracts;
using Achats.Shared.Http;
using Achats.Shared.Web;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Audit.Export;

/// <summary>The auditor's view of a cohort: its enrolments with their timelines (Enrolment answers), and its exports so far.</summary>
public sealed record GetCohortAudit(Guid CohortId);

public sealed record CohortAudit(Guid CohortId, string CohortName, IReadOnlyList<CohortEnrolment> Enrolments, IReadOnlyList<AuditExportRecord> Exports);

internal sealed class GetCohortAuditValidator : AbstractValidator<GetCohortAudit>
{
    public GetCohortAuditValidator() =>
        RuleFor(query => query.CohortId).NotEqual(Guid.Empty).WithMessage("Choisissez une édition.");
}

public static class GetCohortAuditHandler
{
    public static async Task<CohortAudit> Handle(GetCohortAudit query, IQuerySession session, IMessageBus bus, CancellationToken cancellationToken)
    {
        var cohorts = await bus.InvokeAsync<IReadOnlyList<CohortChoice>>(new ListCohortChoices(), cancellationToken);
        var cohort = cohorts.FirstOrDefault(choice => choice.Id == query.CohortId)
            ?? throw new NotFoundException($"Aucune édition n'a l'identifiant {query.CohortId}.");
        var enrolments = await bus.InvokeAsync<IReadOnlyList<CohortEnrolment>>(new GetCohortEnrolments(cohort.Id), cancellationToken);
        var exports = await session.Query<AuditExportRecord>()
            .Where(export => export.CohortId == cohort.Id)
            .OrderByDescending(export => export.ExportedAt)
            .ToListAsync(cancellationToken);
        return new CohortAudit(cohort.Id, cohort.Name, enrolments, exports);
    }
}

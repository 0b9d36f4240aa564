using Achats.Enrolment.Eligibility;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Achats.Shared.Web;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>Every enrolment the list's filters select (not one page), in the list's order, for a CSV file.</summary>
public sealed record ExportEnrolments(
    Guid? CohortId,
    EnrolmentStatus? Status,
    EligibilityOutcome? Eligibility,
    Profile? Profile,
    OrganisationKind? OrganisationKind,
    string? Search = null,
    string? Sort = null) : IEnrolmentFilters;

/// <summary>The enrolments of an export, with the name of each cohort they belong to.</summary>
public sealed record EnrolmentExport(IReadOnlyList<EnrolmentFile> Items, IReadOnlyDictionary<Guid, string> CohortNames);

internal sealed class ExportEnrolmentsValidator : AbstractValidator<ExportEnrolments>
{
    public ExportEnrolmentsValidator() => this.AddFilterRules();
}

public static class ExportEnrolmentsHandler
{
    /// <summary>A file a spreadsheet opens at once; a cohort holds a few thousand enrolments.</summary>
    public const int MaxRows = 20_000;

    public static async Task<EnrolmentExport> Handle(ExportEnrolments query, IQuerySession session, CancellationToken cancellationToken)
    {
        var items = await ListEnrolmentsHandler.Order(ListEnrolmentsHandler.Filter(session.Query<EnrolmentFile>(), query, withStatus: true), query.Sort)
            .Take(MaxRows + 1)
            .ToListAsync(cancellationToken);
        if (items.Count > MaxRows)
        {
            throw new RuleViolationException("export-too-large",
                $"Plus de {FrenchNumbers.Format(MaxRows)} inscriptions répondent à ces filtres : choisissez une édition ou une étape pour en exporter moins.");
        }

        var cohorts = await session.Query<OpenCohort>().ToListAsync(cancellationToken);
        return new EnrolmentExport(items, cohorts.ToDictionary(cohort => cohort.Id, cohort => cohort.Name));
    }
}

internal static class ExportEnrolmentsEndpoint
{
    public static RouteHandlerBuilder MapExportEnrolments(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapGet("/enrolments" + TableExport.Formats, async (
                string format,
                Guid? cohortId, EnrolmentStatus? status, EligibilityOutcome? eligibility, Profile? profile,
                OrganisationKind? organisationKind, string? search, string? sort, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var export = await bus.InvokeAsync<EnrolmentExport>(
                    new ExportEnrolments(cohortId, status, eligibility, profile, organisationKind, search, sort), cancellationToken);
                return TableExport.Download(format, "inscriptions", "Inscriptions",
                    ["Édition", "Nom", "Prénom", "Courriel", "Fonction", "Profil", "Structure", "SIREN", "Type de structure", "Étape", "Gratuité", "Pré-inscription le"],
                    export.Items.Select(enrolment => (IReadOnlyList<string?>)
                    [
                        export.CohortNames.GetValueOrDefault(enrolment.CohortId), enrolment.Participant.LastName, enrolment.Participant.FirstName,
                        enrolment.Participant.Email, enrolment.Participant.JobTitle, FrenchLabels.Of(enrolment.Participant.Profile),
                        enrolment.Organisation.Name, enrolment.Organisation.Siren, FrenchLabels.Of(enrolment.Organisation.Kind),
                        FrenchLabels.Of(enrolment.Status), FrenchLabels.Of(enrolment.EffectiveEligibility), FrenchDates.Short(enrolment.SubmittedAt),
                    ]));
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ExportEnrolments))
            .WithSummary("Exporter les inscriptions filtrées (CSV ou Excel)")
            .ProducesTable()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

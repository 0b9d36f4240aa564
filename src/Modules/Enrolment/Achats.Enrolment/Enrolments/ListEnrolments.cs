using Achats.Enrolment.Eligibility;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>The staff list: enrolments filtered by cohort, status, eligibility, profile and organisation kind, newest first.</summary>
public sealed record ListEnrolments(
    Guid? CohortId,
    EnrolmentStatus? Status,
    EligibilityOutcome? Eligibility,
    Profile? Profile,
    OrganisationKind? OrganisationKind,
    int Page = 1,
    int PageSize = 50);

/// <summary>One page of the list, with the pipeline: how many enrolments, under the same filters, are at each status.</summary>
public sealed record EnrolmentList(
    IReadOnlyList<EnrolmentFile> Items,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyDictionary<EnrolmentStatus, int> Pipeline);

internal sealed class ListEnrolmentsValidator : AbstractValidator<ListEnrolments>
{
    public ListEnrolmentsValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, 100_000).WithMessage("La page va de 1 à 100 000.");
        RuleFor(query => query.Status).IsInEnum().WithMessage("Étape inconnue.");
        RuleFor(query => query.Eligibility).IsInEnum().WithMessage("Décision de gratuité inconnue.");
        RuleFor(query => query.Profile).IsInEnum().WithMessage("Profil inconnu.");
        RuleFor(query => query.OrganisationKind).IsInEnum().WithMessage("Type de structure inconnu.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, 200).WithMessage("Une page compte de 1 à 200 inscriptions.");
    }
}

public static class ListEnrolmentsHandler
{
    public static async Task<EnrolmentList> Handle(ListEnrolments query, IQuerySession session, CancellationToken cancellationToken)
    {
        // The pipeline ignores the status filter: it is the count of every status under the other filters.
        var filtered = Filter(session.Query<EnrolmentFile>(), query with { Status = null });
        var statuses = await filtered.Select(enrolment => enrolment.Status).ToListAsync(cancellationToken);
        var pipeline = Enum.GetValues<EnrolmentStatus>().ToDictionary(status => status, status => statuses.Count(s => s == status));

        var page = Filter(session.Query<EnrolmentFile>(), query)
            .OrderByDescending(enrolment => enrolment.SubmittedAt)
            .ThenByDescending(enrolment => enrolment.Id) // ids are time-ordered (v7): the later of one instant first
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize);
        var items = await page.ToListAsync(cancellationToken);
        var total = query.Status is { } status ? pipeline[status] : statuses.Count;
        return new EnrolmentList(items, total, query.Page, query.PageSize, pipeline);
    }

    private static IQueryable<EnrolmentFile> Filter(IQueryable<EnrolmentFile> enrolments, ListEnrolments query)
    {
        if (query.CohortId is { } cohortId)
        {
            enrolments = enrolments.Where(enrolment => enrolment.CohortId == cohortId);
        }

        if (query.Status is { } status)
        {
            enrolments = enrolments.Where(enrolment => enrolment.Status == status);
        }

        if (query.Eligibility is { } eligibility)
        {
            enrolments = enrolments.Where(enrolment => enrolment.EffectiveEligibility == eligibility);
        }

        if (query.Profile is { } profile)
        {
            enrolments = enrolments.Where(enrolment => enrolment.Participant.Profile == profile);
        }

        if (query.OrganisationKind is { } kind)
        {
            enrolments = enrolments.Where(enrolment => enrolment.Organisation.Kind == kind);
        }

        return enrolments;
    }
}

internal static class ListEnrolmentsEndpoint
{
    public static RouteHandlerBuilder MapListEnrolments(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapGet("/enrolments", async (
                Guid? cohortId, EnrolmentStatus? status, EligibilityOutcome? eligibility, Profile? profile,
                OrganisationKind? organisationKind, int? page, int? pageSize, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<EnrolmentList>(
                    new ListEnrolments(cohortId, status, eligibility, profile, organisationKind, page ?? 1, pageSize ?? 50), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListEnrolments))
            .WithSummary("Lister les inscriptions et le nombre d'inscriptions à chaque étape")
            .ProducesValidationProblem();
}

using Achats.Enrolment.Eligibility;
using Achats.Shared.Access;
using Achats.Shared.Validation;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// The staff list: enrolments filtered by cohort, status, eligibility, profile, organisation kind and a text search
/// (name, email, organisation, SIREN; accents and case ignored), in the order <see cref="Sort"/> names (newest first by default).
/// </summary>
public sealed record ListEnrolments(
    Guid? CohortId,
    EnrolmentStatus? Status,
    EligibilityOutcome? Eligibility,
    Profile? Profile,
    OrganisationKind? OrganisationKind,
    int Page = 1,
    int PageSize = 50,
    string? Search = null,
    string? Sort = null) : IEnrolmentFilters;

/// <summary>One page of the list, with the pipeline: how many enrolments, under the same filters, are at each status.</summary>
public sealed record EnrolmentList(
    IReadOnlyList<EnrolmentFile> Items,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyDictionary<EnrolmentStatus, int> Pipeline)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What the list and its CSV export filter and sort by.</summary>
public interface IEnrolmentFilters
{
    Guid? CohortId { get; }

    EnrolmentStatus? Status { get; }

    EligibilityOutcome? Eligibility { get; }

    Profile? Profile { get; }

    OrganisationKind? OrganisationKind { get; }

    string? Search { get; }

    string? Sort { get; }
}

/// <summary>The orders of the list, by the name a caller gives (<c>sort=name-asc</c>).</summary>
public static class EnrolmentSorts
{
    public const string Newest = "date-desc";
    public const string Oldest = "date-asc";
    public const string NameAscending = "name-asc";
    public const string NameDescending = "name-desc";
    public const string OrganisationAscending = "organisation-asc";
    public const string OrganisationDescending = "organisation-desc";
    public const string StatusAscending = "status-asc";
    public const string StatusDescending = "status-desc";

    public static readonly IReadOnlyList<string> All =
        [Newest, Oldest, NameAscending, NameDescending, OrganisationAscending, OrganisationDescending, StatusAscending, StatusDescending];
}

internal sealed class ListEnrolmentsValidator : AbstractValidator<ListEnrolments>
{
    public ListEnrolmentsValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, 100_000).WithMessage("La page va de 1 à 100 000.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, 200).WithMessage("Une page compte de 1 à 200 inscriptions.");
        this.AddFilterRules();
    }
}

internal static class EnrolmentFilterRules
{
    public const int SearchMaxLength = 200;

    public static void AddFilterRules<T>(this AbstractValidator<T> validator) where T : IEnrolmentFilters
    {
        validator.RuleFor(query => query.Status).IsInEnum().WithMessage("Étape inconnue.");
        validator.RuleFor(query => query.Eligibility).IsInEnum().WithMessage("Décision de gratuité inconnue.");
        validator.RuleFor(query => query.Profile).IsInEnum().WithMessage("Profil inconnu.");
        validator.RuleFor(query => query.OrganisationKind).IsInEnum().WithMessage("Type de structure inconnu.");
        validator.RuleFor(query => query.Search)
            .MaximumLength(SearchMaxLength).WithMessage($"La recherche ne doit pas dépasser {SearchMaxLength} caractères.");
        validator.RuleFor(query => query.Sort)
            .Must(sort => sort is null || EnrolmentSorts.All.Contains(sort))
            .WithMessage("Tri inconnu : triez par date, nom, structure ou étape, croissant (-asc) ou décroissant (-desc).");
    }
}

public static class ListEnrolmentsHandler
{
    public static async Task<EnrolmentList> Handle(ListEnrolments query, IQuerySession session, CancellationToken cancellationToken)
    {
        // The pipeline ignores the status filter: it is the count of every status under the other filters.
        var statuses = await Filter(session.Query<EnrolmentFile>(), query, withStatus: false)
            .Select(enrolment => enrolment.StatusRank)
            .ToListAsync(cancellationToken);
        var pipeline = Enum.GetValues<EnrolmentStatus>().ToDictionary(status => status, status => statuses.Count(rank => rank == (int)status));

        var page = Order(Filter(session.Query<EnrolmentFile>(), query, withStatus: true), query.Sort)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize);
        var items = await page.ToListAsync(cancellationToken);
        var total = query.Status is { } status ? pipeline[status] : statuses.Count;
        return new EnrolmentList(items, total, query.Page, query.PageSize, pipeline);
    }

    internal static IQueryable<EnrolmentFile> Filter(IQueryable<EnrolmentFile> enrolments, IEnrolmentFilters query, bool withStatus)
    {
        if (query.CohortId is { } cohortId)
        {
            enrolments = enrolments.Where(enrolment => enrolment.CohortId == cohortId);
        }

        if (withStatus && query.Status is { } status)
        {
            var rank = (int)status;
            enrolments = enrolments.Where(enrolment => enrolment.StatusRank == rank);
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

        foreach (var term in TextFolding.Terms(query.Search))
        {
            enrolments = enrolments.Where(enrolment => enrolment.SearchText.Contains(term));
        }

        return enrolments;
    }

    // Each order ends on the submission then the id (time-ordered, v7), so that a page never shows a row twice.
    internal static IQueryable<EnrolmentFile> Order(IQueryable<EnrolmentFile> enrolments, string? sort) => sort switch
    {
        EnrolmentSorts.Oldest => enrolments.OrderBy(enrolment => enrolment.SubmittedAt).ThenBy(enrolment => enrolment.Id),
        EnrolmentSorts.NameAscending => enrolments.OrderBy(enrolment => enrolment.SortName).ThenByDescending(enrolment => enrolment.SubmittedAt).ThenByDescending(enrolment => enrolment.Id),
        EnrolmentSorts.NameDescending => enrolments.OrderByDescending(enrolment => enrolment.SortName).ThenByDescending(enrolment => enrolment.SubmittedAt).ThenByDescending(enrolment => enrolment.Id),
        EnrolmentSorts.OrganisationAscending => enrolments.OrderBy(enrolment => enrolment.SortOrganisation).ThenBy(enrolment => enrolment.SortName).ThenByDescending(enrolment => enrolment.Id),
        EnrolmentSorts.OrganisationDescending => enrolments.OrderByDescending(enrolment => enrolment.SortOrganisation).ThenBy(enrolment => enrolment.SortName).ThenByDescending(enrolment => enrolment.Id),
        EnrolmentSorts.StatusAscending => enrolments.OrderBy(enrolment => enrolment.StatusRank).ThenByDescending(enrolment => enrolment.SubmittedAt).ThenByDescending(enrolment => enrolment.Id),
        EnrolmentSorts.StatusDescending => enrolments.OrderByDescending(enrolment => enrolment.StatusRank).ThenByDescending(enrolment => enrolment.SubmittedAt).ThenByDescending(enrolment => enrolment.Id),
        _ => enrolments.OrderByDescending(enrolment => enrolment.SubmittedAt).ThenByDescending(enrolment => enrolment.Id),
    };
}

internal static class ListEnrolmentsEndpoint
{
    public static RouteHandlerBuilder MapListEnrolments(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapGet("/enrolments", async (
                Guid? cohortId, EnrolmentStatus? status, EligibilityOutcome? eligibility, Profile? profile,
                OrganisationKind? organisationKind, string? search, string? sort, int? page, int? pageSize, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<EnrolmentList>(
                    new ListEnrolments(cohortId, status, eligibility, profile, organisationKind, page ?? 1, pageSize ?? 50, search, sort), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListEnrolments))
            .WithSummary("Lister les inscriptions (filtres, recherche, tri) et le nombre d'inscriptions à chaque étape")
            .ProducesValidationProblem();
}

using Achats.Cohorts.Contracts;
using Achats.Cohorts.Sessions;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Cohorts;

/// <summary>Reads one cohort: where it stands today, its dates and their changes, its sequences and their sessions.</summary>
public sealed record GetCohort(Guid CohortId);

public sealed record CohortView(
    Guid Id,
    string Name,
    CohortStatus Status,
    string StatusLabel,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateTimeOffset? LaunchedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CohortDatesChanged> DateChanges,
    IReadOnlyList<SequenceView> Sequences,
    int Version)
{
    /// <summary>The address of the cohort's LinkedIn group, if staff gave one.</summary>
    public string? LinkedInGroup { get; init; }
}

public sealed record SequenceView(Guid Id, string Title, IReadOnlyList<SessionView> Sessions);

/// <summary>A session with its times in Paris (offset +01:00 or +02:00).</summary>
public sealed record SessionView(
    Guid Id,
    string Title,
    SessionKind Kind,
    string KindLabel,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Modality Modality,
    string? MeetingLink,
    string? Venue,
    string? AudienceTag,
    IReadOnlyList<PurchaseCategory> Categories,
    bool Parallel,
    string? CancellationReason)
{
    public static SessionView Of(Session session)
    {
        var details = session.Details;
        return new(session.Id, details.Title, details.Kind, SessionLabels.Of(details.Kind), details.StartsAt.InParis(), details.EndsAt.InParis(),
            details.Modality, details.MeetingLink, details.Venue, details.AudienceTag, details.Categories, details.Parallel, session.CancellationReason);
    }
}

public static class GetCohortHandler
{
    public static async Task<CohortView> Handle(GetCohort query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken) =>
        View(await session.LoadCohortAsync(query.CohortId, cancellationToken), time.TodayInParis());

    public static CohortView View(Cohort cohort, DateOnly today)
    {
        var status = cohort.StatusOn(today);
        return new(cohort.Id, cohort.Name, status, Label(status), cohort.RegistrationOpensOn, cohort.RegistrationClosesOn, cohort.StartsOn,
            cohort.EndsOn, cohort.LaunchedAt, cohort.ClosedAt, cohort.DateChanges,
            cohort.Sequences.Select(sequence => new SequenceView(sequence.Id, sequence.Title, cohort.Sessions
                .Where(session => session.SequenceId == sequence.Id)
                .OrderBy(session => session.Details.StartsAt)
                .Select(SessionView.Of)
                .ToList())).ToList(),
            cohort.Version)
        {
            LinkedInGroup = cohort.LinkedInGroup,
        };
    }

    public static string Label(CohortStatus status) => status switch
    {
        CohortStatus.Planned => "Planifiée",
        CohortStatus.RegistrationOpen => "Inscriptions ouvertes",
        CohortStatus.RegistrationClosed => "Inscriptions closes",
        CohortStatus.Launched => "Lancée",
        _ => "Close",
    };
}

internal static class GetCohortEndpoint
{
    public static RouteHandlerBuilder MapGetCohort(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapGet("/cohorts/{cohortId:guid}", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortView>(new GetCohort(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetCohort))
            .WithSummary("Lire une édition")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

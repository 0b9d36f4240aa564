using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Sessions;

/// <summary>
/// Schedules a session in one of the cohort's sequences. Start and end are Paris wall-clock times, without an
/// offset (<c>2021-01-14T09:30</c>). A matchmaking session names the purchase categories it covers; a
/// workshop may be marked parallel, to run at the same time as other parallel workshops.
/// </summary>
public sealed record ScheduleSession(
    Guid CohortId,
    Guid SequenceId,
    string Title,
    SessionKind? Kind,
    DateTime StartsAt,
    DateTime EndsAt,
    Modality? Modality,
    string? MeetingLink,
    string? Venue,
    string? AudienceTag,
    IReadOnlyList<PurchaseCategory>? Categories,
    bool Parallel = false) : ISessionFields;

/// <summary>What scheduling and changing a session both say.</summary>
internal interface ISessionFields
{
    Guid SequenceId { get; }
    string Title { get; }
    SessionKind? Kind { get; }
    DateTime StartsAt { get; }
    DateTime EndsAt { get; }
    Modality? Modality { get; }
    string? MeetingLink { get; }
    string? Venue { get; }
    string? AudienceTag { get; }
    IReadOnlyList<PurchaseCategory>? Categories { get; }
    bool Parallel { get; }
}

internal sealed class SessionFieldsValidator : AbstractValidator<ISessionFields>
{
    public SessionFieldsValidator()
    {
        RuleFor(s => s.SequenceId).NotEmpty().WithMessage("Indiquez la séquence de la séance.");
        RuleFor(s => s.Title).NotEmpty().WithMessage("Le titre de la séance est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre ne doit pas dépasser 200 caractères.");
        RuleFor(s => s.Kind).NotNull().WithMessage("Indiquez le type de séance : plénière, atelier ou mise en relation.")
            .IsInEnum().WithMessage("Type de séance inconnu.");
        RuleFor(s => s.StartsAt).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("L'heure de début est obligatoire.")
            .Must(BeParisWallClock).WithMessage(NoOffset)
            .Must(BePlausible).WithMessage(Implausible)
            .Must(Exist).WithMessage(Skipped);
        RuleFor(s => s.EndsAt).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("L'heure de fin est obligatoire.")
            .Must(BeParisWallClock).WithMessage(NoOffset)
            .Must(BePlausible).WithMessage(Implausible)
            .Must(Exist).WithMessage(Skipped)
            .GreaterThan(s => s.StartsAt).WithMessage("La séance doit finir après son début.");
        RuleFor(s => s.Modality).NotNull().WithMessage("Indiquez la modalité : en ligne, en présentiel ou hybride.")
            .IsInEnum().WithMessage("Modalité inconnue.");
        RuleFor(s => s.MeetingLink).NotEmpty().WithMessage("Une séance en ligne ou hybride a besoin d'un lien de connexion.")
            .When(s => s.Modality is Sessions.Modality.Online or Sessions.Modality.Hybrid);
        RuleFor(s => s.MeetingLink).Must(BeHttpUrl!).WithMessage("Le lien de connexion doit être une adresse https:// ou http://.")
            .MaximumLength(500).WithMessage("Le lien de connexion ne doit pas dépasser 500 caractères.")
            .When(s => !string.IsNullOrWhiteSpace(s.MeetingLink));
        RuleFor(s => s.Venue).NotEmpty().WithMessage("Une séance en présentiel ou hybride a besoin d'un lieu.")
            .When(s => s.Modality is Sessions.Modality.InPerson or Sessions.Modality.Hybrid);
        RuleFor(s => s.Venue).MaximumLength(300).WithMessage("Le lieu ne doit pas dépasser 300 caractères.");
        RuleFor(s => s.AudienceTag).MaximumLength(100).WithMessage("Le public visé ne doit pas dépasser 100 caractères.");
        RuleFor(s => s.Categories).NotEmpty().WithMessage("Une mise en relation couvre au moins une catégorie d'achat.")
            .When(s => s.Kind == SessionKind.Matchmaking);
        RuleFor(s => s.Categories).Empty().WithMessage("Seule une mise en relation couvre des catégories d'achat.")
            .When(s => s.Kind is SessionKind.Plenary or SessionKind.Workshop);
        RuleForEach(s => s.Categories).IsInEnum().WithMessage("Catégorie d'achat inconnue.");
        RuleFor(s => s.Parallel).Equal(false).WithMessage("Seul un atelier peut se tenir en parallèle d'autres ateliers.")
            .When(s => s.Kind is SessionKind.Plenary or SessionKind.Matchmaking);
    }

    private const string NoOffset = "Donnez l'heure de Paris sans fuseau horaire, par exemple 2021-01-14T09:30.";
    private const string Skipped = "Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été).";

    private const string Implausible = "L'heure doit tomber entre l'an 2000 et l'an 2100.";

    private static bool BeParisWallClock(DateTime time) => time.Kind == DateTimeKind.Unspecified;

    private static bool BePlausible(DateTime time) => time.Year is >= 2000 and < 2100;

    private static bool Exist(DateTime time) => ParisTime.FromParis(time) is not null;

    private static bool BeHttpUrl(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal sealed class ScheduleSessionValidator : AbstractValidator<ScheduleSession>
{
    public ScheduleSessionValidator() => Include(new SessionFieldsValidator());
}

public static class ScheduleSessionHandler
{
    public static (CohortChanged, Events, Contracts.SessionScheduled) Handle(ScheduleSession command, [WriteCohort] Cohort cohort)
    {
        var scheduled = Decide(cohort, command, Guid.CreateVersion7());
        Events events = [scheduled];
        return (cohort.Changed(events) with { CreatedId = scheduled.SessionId }, events, scheduled.Details.Published(command.CohortId, scheduled.SessionId));
    }

    public static Cohorts.SessionScheduled Decide(Cohort cohort, ScheduleSession command, Guid sessionId)
    {
        var details = SessionRules.Check(cohort, command, changing: null);
        return new Cohorts.SessionScheduled(sessionId, command.SequenceId, details);
    }
}

/// <summary>The rules a session obeys in its cohort, whether scheduled or changed.</summary>
internal static class SessionRules
{
    public static SessionDetails Check(Cohort cohort, ISessionFields fields, Guid? changing)
    {
        cohort.EnsureOpenForChanges();
        if (cohort.Sequences.All(sequence => sequence.Id != fields.SequenceId))
        {
            throw new NotFoundException("Aucune séquence de cette édition ne porte cet identifiant.");
        }

        var details = Details(fields);
        if (details.StartsAt.ParisDate() < cohort.StartsOn || details.EndsAt.ParisDate() > cohort.EndsOn)
        {
            throw new RuleViolationException("session-outside-cohort",
                $"La séance doit se tenir pendant l'édition, du {FrenchDates.Long(cohort.StartsOn)} au {FrenchDates.Long(cohort.EndsOn)}.",
                new Dictionary<string, object?> { [RuleViolationException.FieldKey] = "startsAt" });
        }

        var clashes = cohort.Sessions.Where(other => other.Id != changing && other.Clashes(details)).ToList();
        if (clashes.Count > 0)
        {
            throw new RuleViolationException("sessions-overlap",
                $"Cette séance chevauche {string.Join(", ", clashes.Select(Describe))}. Deux séances d'une édition ne peuvent se tenir en même temps, "
                + "sauf des ateliers tous deux marqués en parallèle.",
                new Dictionary<string, object?>
                {
                    [RuleViolationException.FieldKey] = "startsAt", ["overlappingSessionIds"] = clashes.Select(other => other.Id).ToList(),
                });
        }

        return details;
    }

    private static SessionDetails Details(ISessionFields fields) => new(
        fields.Title.Trim(),
        fields.Kind!.Value,
        ParisTime.FromParis(fields.StartsAt)!.Value,
        ParisTime.FromParis(fields.EndsAt)!.Value,
        fields.Modality!.Value,
        Trimmed(fields.MeetingLink),
        Trimmed(fields.Venue),
        Trimmed(fields.AudienceTag),
        fields.Kind == SessionKind.Matchmaking ? fields.Categories!.Distinct().Order().ToList() : [],
        fields.Parallel);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(Session session) =>
        $"« {session.Details.Title} » ({FrenchDates.Long(session.Details.StartsAt.ParisDate())}, "
        + $"{session.Details.StartsAt.InParis():HH'h'mm}–{session.Details.EndsAt.InParis():HH'h'mm})";
}

internal static class ScheduleSessionEndpoint
{
    public static RouteHandlerBuilder MapScheduleSession(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/sessions", async (Guid cohortId, ScheduleSession command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var changed = await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken);
                return TypedResults.Created($"/api/cohorts/v1/cohorts/{cohortId}/sessions/{changed.CreatedId}", changed);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ScheduleSession))
            .WithSummary("Programmer une séance")
            .WithDescription("Séance plénière, atelier ou mise en relation, dans une séquence de l'édition, aux heures de Paris.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

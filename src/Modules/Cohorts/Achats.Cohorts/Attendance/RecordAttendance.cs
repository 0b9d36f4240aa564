using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Attendance;

/// <summary>
/// Records who was at a session: present, absent or excused, for one participant or a whole sheet. Anyone on
/// the cohort's roster at the time of the session may be marked, since admission is to every session.
/// <paramref name="SheetVersion"/>, when given, is the version of the sheet the marks were decided on (0: none yet):
/// a sheet changed meanwhile is refused, so that two people taking it at once do not overwrite each other unseen.
/// </summary>
public sealed record RecordAttendance(Guid CohortId, Guid SessionId, IReadOnlyList<PresenceMark> Entries, int? SheetVersion = null);

/// <summary>One line of the sheet as staff send it.</summary>
public sealed record PresenceMark(Guid EnrolmentId, Presence? Presence);

internal sealed class RecordAttendanceValidator : AbstractValidator<RecordAttendance>
{
    public RecordAttendanceValidator()
    {
        RuleFor(command => command.Entries).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Indiquez au moins une présence.")
            .Must(entries => entries.Count <= 1000).WithMessage("Une feuille de présence compte au plus 1000 lignes.")
            .Must(entries => entries.Select(entry => entry?.EnrolmentId).Distinct().Count() == entries.Count)
            .WithMessage("Chaque participant ne figure qu'une fois sur la feuille.");
        RuleFor(command => command.SheetVersion).GreaterThanOrEqualTo(0).WithMessage("La version de la feuille est un nombre positif ou nul.");
        RuleForEach(command => command.Entries).NotNull().WithMessage("Une ligne de la feuille est vide.").ChildRules(entry =>
        {
            entry.RuleFor(e => e.EnrolmentId).NotEmpty().WithMessage("Indiquez le participant.");
            entry.RuleFor(e => e.Presence).NotNull().WithMessage("Indiquez la présence : présent, absent ou excusé.")
                .IsInEnum().WithMessage("Présence inconnue : présent, absent ou excusé.");
        });
    }
}

/// <summary>What recording attendance answers: the session's sheet and its version.</summary>
public sealed record AttendanceChanged(Guid SessionId, int Version, int Changed);

public static class RecordAttendanceHandler
{
    /// <summary>
    /// The cohort (null when unknown) and the people marked, read beside the sheet, the one stream written.
    /// Wolverine runs this before the validator: it must not trust the input.
    /// </summary>
    public static async Task<(Cohort?, IReadOnlyList<RosterMember>)> LoadAsync(
        RecordAttendance command, IQuerySession session, CancellationToken cancellationToken) =>
        (await session.LoadAsync<Cohort>(command.CohortId, cancellationToken),
            await session.LoadManyAsync<RosterMember>(cancellationToken,
                (command.Entries ?? []).Where(entry => entry is not null).Select(entry => entry.EnrolmentId)));

    /// <summary>The session's first marks start its sheet.</summary>
    public static (AttendanceChanged, Events) Handle(
        RecordAttendance command, Cohort? cohort, IReadOnlyList<RosterMember> marked,
        [WriteAggregate(nameof(RecordAttendance.SessionId), Required = false)] AttendanceSheet? sheet, TimeProvider time)
    {
        var events = Decide(cohort ?? throw new NotFoundException(CohortStreams.NotFound), marked, sheet, command, time.GetUtcNow());
        return (new AttendanceChanged(command.SessionId, (sheet?.Version ?? 0) + events.Count,
            events.Cast<AttendanceRecorded>().Sum(recorded => recorded.Entries.Count)), [.. events]);
    }

    public static IReadOnlyList<object> Decide(
        Cohort cohort, IReadOnlyList<RosterMember> roster, AttendanceSheet? sheet, RecordAttendance command, DateTimeOffset now)
    {
        var session = cohort.Session(command.SessionId);
        if (cohort.Phase == CohortPhase.Closed)
        {
            throw new RuleViolationException("cohort-closed", "Cette édition est close : ses présences sont figées.");
        }

        if (session.IsCancelled)
        {
            throw new RuleViolationException("session-cancelled", "Cette séance est annulée : personne n'y est attendu.");
        }

        if (now < session.Details.StartsAt)
        {
            throw new RuleViolationException("session-not-started", "On relève les présences d'une séance une fois celle-ci commencée.");
        }

        var strangers = command.Entries.Where(entry => !roster.Any(member => member.Id == entry.EnrolmentId && member.CohortId == cohort.Id
                && member.WasMemberDuring(session.Details.StartsAt, session.Details.EndsAt)))
            .Select(entry => entry.EnrolmentId)
            .ToList();
        if (strangers.Count > 0)
        {
            throw new RuleViolationException("not-on-roster",
                "Seuls les participants inscrits dans l'édition au moment de la séance figurent sur sa feuille de présence.",
                new Dictionary<string, object?> { ["enrolmentIds"] = strangers });
        }

        if (command.SheetVersion is { } seen && seen != (sheet?.Version ?? 0))
        {
            throw new ConflictException("Quelqu'un d'autre a relevé des présences sur cette feuille entre-temps : rechargez-la pour voir ses marques, puis recommencez si besoin.");
        }

        var changed = command.Entries.Where(entry => sheet?.Of(entry.EnrolmentId) != entry.Presence)
            .Select(entry => new AttendanceEntry(entry.EnrolmentId, entry.Presence!.Value))
            .ToList();
        return changed.Count == 0 ? [] : [new AttendanceRecorded(session.Id, cohort.Id, changed)];
    }
}

internal static class RecordAttendanceEndpoints
{
    /// <summary>One participant's mark: the same command as a sheet of one line.</summary>
    public sealed record PresenceBody(Presence? Presence);

    public static IEndpointRouteBuilder MapRecordAttendance(this IEndpointRouteBuilder cohorts)
    {
        cohorts.MapPut("/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/attendance", async (
                Guid cohortId, Guid sessionId, RecordAttendance command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<AttendanceChanged>(command with { CohortId = cohortId, SessionId = sessionId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RecordAttendance))
            .WithSummary("Relever la feuille de présence d'une séance")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cohorts.MapPut("/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/attendance/{enrolmentId:guid}", async (
                Guid cohortId, Guid sessionId, Guid enrolmentId, PresenceBody body, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<AttendanceChanged>(
                    new RecordAttendance(cohortId, sessionId, [new PresenceMark(enrolmentId, body.Presence)]), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName("RecordOneAttendance")
            .WithSummary("Relever la présence d'un participant à une séance")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return cohorts;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Achats.Audit.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>Every event of an enrolment, oldest first, with who acted, when and why: the record auditors replay.</summary>
public sealed record GetEnrolmentTimeline(Guid EnrolmentId);

public sealed record TimelineEntry(
    long Version,
    DateTimeOffset At,
    string Event,
    string What,
    string? Why,
    string? Actor,
    string? CorrelationId,
    JsonElement Data);

public static class GetEnrolmentTimelineHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<IReadOnlyList<TimelineEntry>> Handle(
        GetEnrolmentTimeline query, IQuerySession session, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(query.EnrolmentId, token: cancellationToken);
        if (events.Count == 0)
        {
            throw new NotFoundException($"Aucune inscription n'a l'identifiant {query.EnrolmentId}.");
        }

        return events.Select(recorded => new TimelineEntry(
                recorded.Version,
                recorded.Timestamp,
                recorded.EventTypeName,
                What(recorded.Data),
                Why(recorded.Data),
                recorded.UserName,
                recorded.CorrelationId,
                JsonSerializer.SerializeToElement(recorded.Data, recorded.EventType, Json)))
            .ToList();
    }

    public static string What(object recorded) => recorded switch
    {
        PreRegistrationSubmitted { Replaces: not null } => "Inscription reprise d'un ou d'une collègue",
        PreRegistrationSubmitted => "Pré-inscription",
        EligibilityAssessed assessed => assessed.Decision.Outcome switch
        {
            Eligibility.EligibilityOutcome.Free => "Gratuité évaluée : participation gratuite",
            Eligibility.EligibilityOutcome.AwaitingAttestation => "Gratuité évaluée : en attente d'attestation",
            _ => "Gratuité évaluée : adhésion nécessaire",
        },
        EligibilityOverridden overridden => overridden.Free ? "Dérogation : participation gratuite" : "Dérogation : gratuité refusée",
        InformationRequested => "Informations complémentaires demandées",
        PreRegistrationValidated => "Pré-inscription validée",
        PreRegistrationRejected => "Pré-inscription refusée",
        EnrolmentAdmitted => "Charte signée : participant admis",
        EnrolmentWithdrawn withdrawn => withdrawn.RequestedBy == WithdrawalRequester.Participant
            ? "Retrait à la demande du participant"
            : "Retrait par l'équipe",
        ParticipantReplaced => "Participant remplacé par un ou une collègue",
        PairDeclared => "Binôme déclaré",
        PairDissolved => "Binôme dissous",
        PurchasingProjectJoined joined => $"Rattaché au projet d'achat « {joined.Project.Title} »",
        InformationRequestAnswered => "Réponse du participant à la demande d'informations",
        ParticipantDetailsCorrected corrected => $"Coordonnées corrigées par le participant : {corrected.JobTitle}{(corrected.Phone is null ? "" : $", {corrected.Phone}")}",
        OrganisationCorrected corrected => $"Structure corrigée par le participant : {corrected.Name}{(corrected.Siren is null ? "" : $", SIREN {corrected.Siren}")}{(corrected.CommuneInseeCode is null ? "" : $", commune {corrected.CommuneInseeCode}")}",
        PurchasingProjectUpdated updated => $"Projet d'achat décrit par le participant : « {updated.Project.Title} »",
        PairProposed proposed => proposed.ColleagueEnrolmentId is null
            ? $"Binôme proposé par le participant : {proposed.ColleagueEmail} (aucune pré-inscription à cette édition)"
            : $"Binôme proposé par le participant : {proposed.ColleagueEmail}",
        _ => recorded.GetType().Name,
    };

    public static string? Why(object recorded) => recorded switch
    {
        EligibilityAssessed assessed => $"{assessed.Why} {string.Join(" ", assessed.Decision.Reasons)}",
        EligibilityOverridden overridden => overridden.Reason,
        InformationRequested requested => requested.Question,
        PreRegistrationValidated validated => validated.Note,
        PreRegistrationRejected rejected => rejected.Reason,
        EnrolmentWithdrawn withdrawn => withdrawn.Reason,
        ParticipantReplaced replaced => replaced.Reason,
        PairDissolved dissolved => dissolved.Reason,
        InformationRequestAnswered answered => answered.Answer,
        _ => null,
    };
}

internal static class GetEnrolmentTimelineEndpoint
{
    public static RouteHandlerBuilder MapGetEnrolmentTimeline(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapGet("/{enrolmentId:guid}/timeline", async (
                Guid enrolmentId, HttpContext http, IMessageBus bus, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var timeline = await bus.InvokeAsync<IReadOnlyList<TimelineEntry>>(new GetEnrolmentTimeline(enrolmentId), cancellationToken);
                // A read of the person's data: Audit logs who read it (issue 18).
                await bus.PublishAsync(new PersonalDataRead(Actor.Of(http.User).ToString(), PersonalDataReads.EnrolmentTimeline, enrolmentId, time.GetUtcNow()));
                return TypedResults.Ok(timeline);
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetEnrolmentTimeline))
            .WithSummary("Historique d'une inscription : chaque événement, qui, quand et pourquoi")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

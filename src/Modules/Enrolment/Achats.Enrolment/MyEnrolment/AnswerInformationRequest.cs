using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.Memberships;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Email;
using Achats.Shared.France;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine.Marten;
using Wolverine;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// The participant answers staff's request for information, and may correct what they declared: a field left empty
/// keeps its value. The enrolment goes back to staff, who are told by email (ADR 0045).
/// </summary>
public sealed record AnswerInformationRequest(
    Guid EnrolmentId, string Answer, string? JobTitle, string? Phone, string? OrganisationName, string? Siren, string? CommuneInseeCode)
    : ParticipantCommand(EnrolmentId);

internal sealed class AnswerInformationRequestValidator : AbstractValidator<AnswerInformationRequest>
{
    public AnswerInformationRequestValidator()
    {
        RuleFor(command => command.Answer).NotEmpty().WithMessage("Écrivez votre réponse à l'équipe du programme.")
            .MaximumLength(4000).WithMessage("Votre réponse ne doit pas dépasser 4000 caractères.");
        RuleFor(command => command.JobTitle).MaximumLength(120).WithMessage("La fonction ne doit pas dépasser 120 caractères.");
        RuleFor(command => command.Phone).Matches(@"^\+?[0-9 .()-]{6,20}$").When(command => !string.IsNullOrEmpty(command.Phone))
            .WithMessage("Le numéro de téléphone n'est pas valide.");
        RuleFor(command => command.OrganisationName).MaximumLength(200).WithMessage("Le nom de la structure ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.Siren).Must(Siren.IsValid).When(command => !string.IsNullOrEmpty(command.Siren))
            .WithMessage("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        RuleFor(command => command.CommuneInseeCode).Must(Communes.Exists!).When(command => !string.IsNullOrEmpty(command.CommuneInseeCode))
            .WithMessage("Ce code INSEE ne correspond à aucune commune.");
    }
}

public static class AnswerInformationRequestHandler
{
    public static async Task<(EnrolmentChanged, Events, SendEmail)> Handle(
        AnswerInformationRequest command, [WriteEnrolment] EnrolmentFile enrolment, IDocumentSession session, IMessageContext context,
        TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        command.ActAsOwner(enrolment, context, session);
        var organisation = Corrected(enrolment.Organisation, command);
        // What partners attest for the SIREN the organisation will have: read only when eligibility is assessed again.
        var attested = Reassessed(enrolment.Organisation, organisation)
            ? await session.AttestedAsync(organisation.Siren, time.TodayInParis(), cancellationToken)
            : [];
        var events = Decide(enrolment, command, attested);
        var cohort = await session.LoadAsync<OpenCohort>(enrolment.CohortId, cancellationToken);
        return (enrolment.Changed(events), [.. events], TeamEmail(enrolment, command, cohort?.Name, events.Count > 1, configuration));
    }

    /// <summary>The answer, after any correction; a changed SIREN or commune has its eligibility assessed again, on <paramref name="attested"/>.</summary>
    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, AnswerInformationRequest command, IReadOnlyList<Membership> attested)
    {
        if (enrolment.Status != EnrolmentStatus.InformationRequested)
        {
            throw new ConflictException(
                $"Aucune question de l'équipe n'attend de réponse : votre inscription est {EnrolmentMessages.Describe(enrolment.Status)}.");
        }

        var events = new List<object>();
        var (jobTitle, phone) = (Given(command.JobTitle) ?? enrolment.Participant.JobTitle, Given(command.Phone) ?? enrolment.Participant.Phone);
        if (jobTitle != enrolment.Participant.JobTitle || phone != enrolment.Participant.Phone)
        {
            events.Add(new ParticipantDetailsCorrected(jobTitle, phone));
        }

        var organisation = Corrected(enrolment.Organisation, command);
        if (organisation != enrolment.Organisation)
        {
            events.Add(new OrganisationCorrected(organisation.Name, organisation.Siren, organisation.CommuneInseeCode));
            if (Reassessed(enrolment.Organisation, organisation))
            {
                events.Add(EligibilityAssessed.Decide(organisation, enrolment.DeclaredMemberships, attested, "Structure corrigée par le participant."));
            }
        }

        events.Add(new InformationRequestAnswered(enrolment.StatusReason ?? "", command.Answer.Trim()));
        return events;
    }

    /// <summary>Eligibility rests on the SIREN (attested memberships) and the commune (the territory).</summary>
    private static bool Reassessed(Organisation before, Organisation after) =>
        before.Siren != after.Siren || before.CommuneInseeCode != after.CommuneInseeCode;

    private static Organisation Corrected(Organisation organisation, AnswerInformationRequest command) => organisation with
    {
        Name = Given(command.OrganisationName) ?? organisation.Name,
        Siren = Given(command.Siren) ?? organisation.Siren,
        CommuneInseeCode = Given(command.CommuneInseeCode) ?? organisation.CommuneInseeCode,
    };

    private static SendEmail TeamEmail(EnrolmentFile enrolment, AnswerInformationRequest command, string? cohortName, bool corrected, IConfiguration configuration)
    {
        var site = PublicSite.From(configuration);
        return EmailTemplate.Of(typeof(AnswerInformationRequest).Assembly, "information-answered").Render(
            ProgrammeTeam.EmailOf(configuration), ProgrammeTeam.Name, site, new Dictionary<string, object?>
            {
                ["ParticipantName"] = enrolment.Participant.Name(),
                ["OrganisationName"] = Given(command.OrganisationName) ?? enrolment.Organisation.Name,
                ["CohortName"] = cohortName ?? "",
                ["Question"] = enrolment.StatusReason ?? "",
                ["Answer"] = command.Answer.Trim(),
                ["Corrected"] = corrected,
                ["EnrolmentUrl"] = site.Url($"/inscriptions/{enrolment.Id}"),
            });
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Where the programme team is written to (<c>Programme:TeamEmail</c>).</summary>
internal static class ProgrammeTeam
{
    public const string Name = "Équipe du programme";

    public static string EmailOf(IConfiguration configuration) =>
        configuration["Programme:TeamEmail"] is { Length: > 0 } email ? email : "equipe@achats-circulaires.localhost";
}

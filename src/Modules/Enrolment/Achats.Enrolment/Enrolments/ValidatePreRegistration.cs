using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>Staff validate a pre-registration; Charter then asks the participant to sign the charter.</summary>
public sealed record ValidatePreRegistration(Guid EnrolmentId, int Version, string? Note);

internal sealed class ValidatePreRegistrationValidator : AbstractValidator<ValidatePreRegistration>
{
    public ValidatePreRegistrationValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Note).MaximumLength(2000).WithMessage("La note ne doit pas dépasser 2000 caractères.");
    }
}

public static class ValidatePreRegistrationHandler
{
    public static (EnrolmentChanged, Events, Contracts.PreRegistrationValidated) Handle(
        ValidatePreRegistration command, [WriteEnrolment] EnrolmentFile enrolment)
    {
        var events = Decide(enrolment, command);
        return (enrolment.Changed(events), [.. events], SignatureRequest(enrolment));
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, ValidatePreRegistration command)
    {
        if (enrolment.Status is not (EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested))
        {
            throw new ConflictException($"Cette inscription ne peut plus être validée : elle est {EnrolmentMessages.Describe(enrolment.Status)}.");
        }

        if (!enrolment.IsEligible)
        {
            throw new RuleViolationException("not-eligible", NotEligible(enrolment));
        }

        return [new PreRegistrationValidated(string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim())];
    }

    private static string NotEligible(EnrolmentFile enrolment) => enrolment switch
    {
        { Override: { Free: false } overridden } =>
            $"L'équipe a dérogé : la participation n'est pas gratuite ({overridden.Reason}). Une nouvelle dérogation peut la rendre gratuite.",
        { EffectiveEligibility: Eligibility.EligibilityOutcome.AwaitingAttestation } =>
            $"La gratuité attend l'attestation du partenaire. {string.Join(" ", enrolment.Eligibility!.Reasons)} " +
            "Attendez-la, ou dérogez à la décision avec un motif écrit.",
        _ => $"La participation n'est pas gratuite. {string.Join(" ", enrolment.Eligibility?.Reasons ?? [])} " +
             "Une dérogation, avec un motif écrit, peut la rendre gratuite.",
    };

    /// <summary>What Charter needs to ask this participant for their signature.</summary>
    public static Contracts.PreRegistrationValidated SignatureRequest(EnrolmentFile enrolment) => new(
        enrolment.Id, enrolment.CohortId, enrolment.Participant.FirstName, enrolment.Participant.LastName,
        enrolment.Participant.Email, enrolment.Participant.JobTitle, enrolment.Organisation.Name);
}

internal static class ValidatePreRegistrationEndpoint
{
    public static RouteHandlerBuilder MapValidatePreRegistration(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<ValidatePreRegistration>("validation", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Valider une pré-inscription")
            .WithDescription("Demande ensuite au participant de signer la charte d'engagement. Exige une participation gratuite établie ou une dérogation.");
}

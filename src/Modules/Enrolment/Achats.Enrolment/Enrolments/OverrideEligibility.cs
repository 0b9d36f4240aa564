using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>Staff set the eligibility by hand, with a written reason; the rules' decision stays recorded beside it.</summary>
public sealed record OverrideEligibility(Guid EnrolmentId, int Version, bool? Free, string Reason);

internal sealed class OverrideEligibilityValidator : AbstractValidator<OverrideEligibility>
{
    public OverrideEligibilityValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage(EnrolmentMessages.VersionRequired);
        RuleFor(command => command.Free).NotNull().WithMessage("Précisez si la participation devient gratuite ou non.");
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif de la dérogation est obligatoire.")
            .MaximumLength(2000).WithMessage(EnrolmentMessages.ReasonTooLong);
    }
}

public static class OverrideEligibilityHandler
{
    public static (EnrolmentChanged, Events) Handle(OverrideEligibility command, [WriteEnrolment] EnrolmentFile enrolment)
    {
        var events = Decide(enrolment, command);
        return (enrolment.Changed(events), [.. events]);
    }

    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, OverrideEligibility command) =>
        enrolment.Status is EnrolmentStatus.PreRegistered or EnrolmentStatus.InformationRequested
            ? [new EligibilityOverridden(command.Free!.Value, command.Reason.Trim())]
            : throw new ConflictException($"La gratuité ne se modifie plus : l'inscription est {EnrolmentMessages.Describe(enrolment.Status)}.");
}

internal static class OverrideEligibilityEndpoint
{
    public static RouteHandlerBuilder MapOverrideEligibility(this IEndpointRouteBuilder enrolments) =>
        enrolments.MapStaffDecision<OverrideEligibility>("eligibility-override", (command, enrolmentId) => command with { EnrolmentId = enrolmentId })
            .WithSummary("Déroger à la décision de gratuité");
}

using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using FluentValidation;
using Marten;

namespace Achats.Enrolment.Memberships;

/// <summary>The open enrolments whose free participation waits for <see cref="Partner"/>'s attestation, oldest first.</summary>
public sealed record ListAwaitingAttestation(OrganisingStructure Partner);

internal sealed class ListAwaitingAttestationValidator : AbstractValidator<ListAwaitingAttestation>
{
    public ListAwaitingAttestationValidator() =>
        RuleFor(query => query.Partner).Must(partner => partner.IsPartner()).WithMessage("Seuls l'INEC, l'ObsAR et Les Canaux attestent des adhésions.");
}

public static class ListAwaitingAttestationHandler
{
    /// <summary>Enough for a page; a partner's backlog is a few dozen.</summary>
    public const int Max = 500;

    public static async Task<IReadOnlyList<EnrolmentFile>> Handle(ListAwaitingAttestation query, IQuerySession session, CancellationToken cancellationToken)
    {
        var awaiting = await session.Query<EnrolmentFile>()
            .Where(enrolment => enrolment.EffectiveEligibility == EligibilityOutcome.AwaitingAttestation
                && enrolment.Status != EnrolmentStatus.Rejected && enrolment.Status != EnrolmentStatus.Withdrawn)
            .OrderBy(enrolment => enrolment.SubmittedAt)
            .ToListAsync(cancellationToken);
        // Which partner each waits for is in the decision's list; a few hundred rows at most reach this filter.
        return awaiting
            .Where(enrolment => enrolment.Eligibility?.AwaitingFrom.Any(membership => EligibilityRules.AttestedBy(membership) == query.Partner) == true)
            .Take(Max)
            .ToList();
    }
}

using Achats.Shared.Http;
using Marten;

namespace Achats.Enrolment.Enrolments;

/// <summary>The rules every link between colleagues (pair, shared project) follows.</summary>
internal static class Colleagues
{
    /// <summary>The events of an enrolment that closes (rejected, withdrawn): it leaves its pair.</summary>
    public static IReadOnlyList<object> Closing(EnrolmentFile closing, object closed, string reason) =>
        closing.PairedWith is { } colleague ? [closed, new PairDissolved(colleague, reason)] : [closed];

    /// <summary>The colleague of an enrolment that closes leaves the pair too, told why.</summary>
    public static async Task LeavePairAsync(IDocumentSession session, EnrolmentFile closing, string reason, CancellationToken cancellationToken)
    {
        if (closing.PairedWith is not { } colleagueId)
        {
            return;
        }

        var (colleagueStream, colleague) = await session.FetchForWritingAsync(colleagueId, cancellationToken);
        if (colleague.PairedWith == closing.Id)
        {
            colleagueStream.AppendOne(new PairDissolved(closing.Id, $"Inscription de {closing.Participant.Name()} close : {reason}"));
        }

    }

    public static void EnsureSameOrganisationAndCohort(EnrolmentFile enrolment, EnrolmentFile colleague)
    {
        if (enrolment.CohortId != colleague.CohortId)
        {
            throw new RuleViolationException("not-colleagues", "Les deux inscriptions doivent porter sur la même édition.");
        }

        if (enrolment.Organisation.Siren is null || enrolment.Organisation.Siren != colleague.Organisation.Siren)
        {
            throw new RuleViolationException("not-colleagues", "Les deux inscriptions doivent venir de la même structure (même SIREN).");
        }

        if (!enrolment.IsOpen || !colleague.IsOpen)
        {
            throw new ConflictException("L'une de ces inscriptions est close (refusée ou retirée).");
        }
    }
}

using Achats.Enrolment.Enrolments;
using Achats.Shared.Messaging;
using Achats.Shared.Time;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Enrolment.Memberships;

/// <summary>An organisation's attested memberships changed: decide again for each of its open enrolments, saying why.</summary>
public sealed record ReassessEligibility(string Siren, string Why);

public static class ReassessEligibilityHandler
{
    /// <summary>Staff may be deciding on one of these enrolments at the same moment: try again on the fresh stream.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task Handle(
        ReassessEligibility command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var attested = await session.AttestedAsync(command.Siren, time.TodayInParis(), cancellationToken);
        var enrolments = await session.Query<Enrolments.EnrolmentFile>()
            .Where(enrolment => enrolment.Organisation.Siren == command.Siren)
            .Select(enrolment => enrolment.Id)
            .ToListAsync(cancellationToken);
        foreach (var enrolmentId in enrolments)
        {
            var (stream, enrolment) = await session.FetchForWritingAsync(enrolmentId, cancellationToken);
            stream.AppendMany(Decide(enrolment, attested, command.Why));
        }
    }

    /// <summary>Open enrolments are decided again; closed ones keep the decision they closed with.</summary>
    public static IReadOnlyList<object> Decide(Enrolments.EnrolmentFile enrolment, IReadOnlyList<Eligibility.Membership> attested, string why) =>
        enrolment.IsOpen
            ? [EligibilityAssessed.Decide(enrolment.Organisation, enrolment.DeclaredMemberships, attested, why)]
            : [];
}

using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Cohorts.Roster;

/// <summary>
/// Staff paired or unpaired two colleagues after admission: the roster follows, for whichever of them is on it
/// (a colleague admitted later brings the pair with their admission).
/// </summary>
public static class FollowPairsHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static Task Handle(PairDeclared declared, IDocumentSession session, CancellationToken cancellationToken) =>
        PairAsync(session, declared.EnrolmentId, declared.ColleagueEnrolmentId, paired: true, cancellationToken);

    public static Task Handle(PairDissolved dissolved, IDocumentSession session, CancellationToken cancellationToken) =>
        PairAsync(session, dissolved.EnrolmentId, dissolved.ColleagueEnrolmentId, paired: false, cancellationToken);

    private static async Task PairAsync(IDocumentSession session, Guid one, Guid other, bool paired, CancellationToken cancellationToken)
    {
        foreach (var (member, colleague) in new[] { (one, other), (other, one) })
        {
            if (await session.LoadAsync<RosterMember>(member, cancellationToken) is { IsMember: true } onRoster)
            {
                var pairedWith = paired ? colleague : (onRoster.PairedWith == colleague ? null : onRoster.PairedWith);
                if (onRoster.PairedWith != pairedWith)
                {
                    session.Store(onRoster with { PairedWith = pairedWith });
                }
            }
        }
    }
}

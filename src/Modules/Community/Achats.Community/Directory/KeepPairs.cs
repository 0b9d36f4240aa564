using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Directory;

/// <summary>
/// Enrolment paired two colleagues, or undid their pair: each one's directory entry keeps who their binôme is, whatever
/// stage their enrolments are at (an entry can exist before its member joins). Heard twice: nothing.
/// </summary>
public static class KeepPairsHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static async Task Handle(PairDeclared declared, IDocumentSession session, CancellationToken cancellationToken)
    {
        await KeepAsync(session, declared.EnrolmentId, entry => Paired(entry, declared.EnrolmentId, declared.ColleagueEnrolmentId), cancellationToken);
        await KeepAsync(session, declared.ColleagueEnrolmentId, entry => Paired(entry, declared.ColleagueEnrolmentId, declared.EnrolmentId), cancellationToken);
    }

    public static async Task Handle(PairDissolved dissolved, IDocumentSession session, CancellationToken cancellationToken)
    {
        await KeepAsync(session, dissolved.EnrolmentId, entry => Unpaired(entry, dissolved.EnrolmentId, dissolved.ColleagueEnrolmentId), cancellationToken);
        await KeepAsync(session, dissolved.ColleagueEnrolmentId, entry => Unpaired(entry, dissolved.ColleagueEnrolmentId, dissolved.EnrolmentId), cancellationToken);
    }

    public static IEnumerable<object> Paired(DirectoryEntry? entry, Guid enrolmentId, Guid partnerId)
    {
        if (entry?.PartnerEnrolmentId != partnerId)
        {
            yield return new PartnerKept(enrolmentId, partnerId);
        }
    }

    /// <summary>Only the pair said undone: a later pair with someone else is not undone by a late message about the old one.</summary>
    public static IEnumerable<object> Unpaired(DirectoryEntry? entry, Guid enrolmentId, Guid partnerId)
    {
        if (entry?.PartnerEnrolmentId == partnerId)
        {
            yield return new PartnerDropped(enrolmentId, partnerId);
        }
    }

    private static async Task KeepAsync(IDocumentSession session, Guid enrolmentId, Func<DirectoryEntry?, IEnumerable<object>> decide, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<DirectoryEntry>(DirectoryEntry.IdOf(enrolmentId), cancellationToken);
        stream.AppendMany(decide(stream.Aggregate).ToArray());
    }
}

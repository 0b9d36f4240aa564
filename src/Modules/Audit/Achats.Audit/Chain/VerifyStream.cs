using Achats.Audit.Contracts;
using Marten;

namespace Achats.Audit.Chain;

/// <summary>One stream's chain, verified on demand (the staff page of an enrolment shows the answer).</summary>
public static class VerifyStreamHandler
{
    public static async Task<StreamIntegrity> Handle(VerifyStream query, IQuerySession session, CancellationToken cancellationToken)
    {
        var report = await VerifyAsync(session, new HashSet<Guid> { query.StreamId }, progress: null, cancellationToken);
        return new StreamIntegrity(report.Intact, report.Events, report.SealedStreams > 0, report.Breaks.Select(Describe).FirstOrDefault());
    }

    /// <summary>Every stream, or those of <paramref name="scope"/>, checked against the latest seal; progress in events read.</summary>
    public static async Task<ChainReport> VerifyAsync(IQuerySession session, IReadOnlySet<Guid>? scope, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var verification = new ChainVerification(await ChainStore.LatestSealAsync(session, cancellationToken), scope);
        long read = 0;
        await foreach (var recorded in ChainStore.ReadAsync(session, scope, cancellationToken))
        {
            verification.Add(recorded);
            if (++read % 1000 == 0)
            {
                progress?.Report(read);
            }
        }

        progress?.Report(read);
        return verification.Complete();
    }

    public static string Describe(ChainBreak chainBreak) =>
        chainBreak.Version > 0 ? $"version {chainBreak.Version} : {chainBreak.Reason}" : chainBreak.Reason;
}

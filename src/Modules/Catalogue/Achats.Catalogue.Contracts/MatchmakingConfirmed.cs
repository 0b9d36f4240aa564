namespace Achats.Catalogue.Contracts;

/// <summary>
/// The solutions that will be presented at a matchmaking session: those whose invited supplier said yes. Published
/// whenever the list changes, whole, so a copy is an upsert (an empty list when none will be presented any more, as
/// after the session's cancellation).
/// </summary>
public sealed record MatchmakingConfirmed(Guid CohortId, Guid SessionId, IReadOnlyList<PresentedSolution> Solutions)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "catalogue.matchmaking-confirmed.v1";
}

/// <summary>A solution as participants read it in their space: its title, its supplier, and its public page.</summary>
public readonly record struct PresentedSolution(Guid SolutionId, string Title, string SupplierName, string PublicPath);

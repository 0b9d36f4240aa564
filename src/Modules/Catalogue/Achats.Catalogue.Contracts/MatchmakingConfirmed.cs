namespace Achats.Catalogue.Contracts;

/// <summary>
/// The solutions whose suppliers accepted to present them at a matchmaking session, as staff confirmed them: the
/// whole current list each time, so a copy is an upsert (an empty list when none will be presented any more).
/// </summary>
public sealed record MatchmakingConfirmed(Guid CohortId, Guid SessionId, IReadOnlyList<PresentedSolution> Solutions)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "catalogue.matchmaking-confirmed.v1";
}

/// <summary>A solution as participants read it in their space: its title, its supplier, and its public page.</summary>
public readonly record struct PresentedSolution(Guid SolutionId, string Title, string SupplierName, string PublicPath);

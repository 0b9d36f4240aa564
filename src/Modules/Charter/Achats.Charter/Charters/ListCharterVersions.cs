using Achats.Charter.Contracts;
using Marten;

namespace Achats.Charter.Charters;

/// <summary>The published versions of a cohort's charter, for Audit's export.</summary>
public static class ListCharterVersionsHandler
{
    public static async Task<IReadOnlyList<PublishedCharterVersion>> Handle(ListCharterVersions query, IQuerySession session, CancellationToken cancellationToken)
    {
        var charter = await session.CharterOfAsync(query.CohortId, cancellationToken);
        return charter?.Versions
            .Select(version => new PublishedCharterVersion(
                version.Number, version.Fingerprint, version.PublishedAt, version.Text.Title, version.Text.Body, version.Text.Commitments))
            .ToList() ?? [];
    }
}

using System.Security.Cryptography;
using System.Text;
using Achats.Shared.Http;
using Achats.Shared.Replay;
using Achats.Shared.Web;
using Marten;
using Wolverine;

namespace Achats.Charter.Charters;

/// <summary>The words of a charter: what a participant reads and commits to.</summary>
public sealed record CharterText(string Title, string Body, IReadOnlyList<string> Commitments)
{
    /// <summary>
    /// SHA-256 of the text as shown (title, body, then one commitment per line; line breaks as \n), in
    /// lowercase hex: two texts with the same fingerprint read the same, word for word.
    /// </summary>
    public string Fingerprint()
    {
        var canonical = string.Join("\n\n", Title, Body, string.Join("\n", Commitments)).ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>A published version: frozen, never edited, only superseded by the next.</summary>
public sealed record CharterVersion(Guid Id, int Number, CharterText Text, string Fingerprint, DateTimeOffset PublishedAt);

public sealed record CharterDraftSaved(Guid CharterId, Guid CohortId, CharterText Text);

public sealed record CharterVersionPublished(CharterVersion Version);

/// <summary>A cohort's commitment charter: the draft staff are writing, and every version published so far.</summary>
[ReplayedAs("charte", "chartes")]
public sealed record CohortCharter(Guid Id, Guid CohortId, CharterText? Draft, IReadOnlyList<CharterVersion> Versions)
{
    public int Version { get; set; }

    /// <summary>The version participants sign now: the latest published.</summary>
    public CharterVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    public static CohortCharter Create(CharterDraftSaved saved) => new(saved.CharterId, saved.CohortId, saved.Text, []);

    public CohortCharter Apply(CharterDraftSaved saved) => this with { Draft = saved.Text };

    public CohortCharter Apply(CharterVersionPublished published) => this with { Draft = null, Versions = [.. Versions, published.Version] };
}

internal static class CharterStreams
{
    /// <summary>The charter of a cohort, or null when nobody has written one yet.</summary>
    public static async Task<CohortCharter?> CharterOfAsync(this IQuerySession session, Guid cohortId, CancellationToken cancellationToken) =>
        await session.Query<CohortCharter>().Where(charter => charter.CohortId == cohortId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>A charter is written for a cohort that exists: Cohorts answers which do, on the bus.</summary>
    public static async Task RequireCohortAsync(this IMessageBus bus, Guid cohortId, CancellationToken cancellationToken)
    {
        var cohorts = await bus.InvokeAsync<IReadOnlyList<CohortChoice>>(new ListCohortChoices(), cancellationToken);
        if (cohorts.All(cohort => cohort.Id != cohortId))
        {
            throw new NotFoundException($"Aucune édition n'a l'identifiant {cohortId}.");
        }
    }

    /// <summary>
    /// One charter per cohort, its id derived from the cohort's: of two first drafts racing, the second collides
    /// on the stream id instead of making a second charter.
    /// </summary>
    public static Guid CharterIdOf(Guid cohortId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"achats:charter:{cohortId:N}")).AsSpan(0, 16));
}

using Achats.Catalogue.Contracts;
using Achats.Shared.Messaging;
using Achats.Shared.Replay;

namespace Achats.Community.Resources;

/// <summary>
/// The material of one session of a space, its events folded and kept inline as a document (the page and the downloads
/// read it): documents and links staff attached, what to prepare, the solutions presented. Its stream is derived from the
/// session's id (<see cref="IdOf"/>), never the session's own stream.
/// </summary>
[ReplayedAs("ressources de séance", "ressources de séance")]
public sealed record SessionResources
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid CohortId { get; init; }

    public Guid SessionId { get; init; }

    /// <summary>The resources still attached, in the order they were attached.</summary>
    public IReadOnlyList<SessionResource> Resources { get; init; } = [];

    /// <summary>What participants should prepare, in Markdown; empty when nothing.</summary>
    public string Preparation { get; init; } = "";

    public IReadOnlyList<PresentedSolution> Solutions { get; init; } = [];

    /// <summary>The stream and document id of the material of <paramref name="sessionId"/>.</summary>
    public static Guid IdOf(Guid sessionId) => StreamIds.Derive("community.resources", sessionId);

    public SessionResource? Resource(Guid resourceId) => Resources.FirstOrDefault(resource => resource.ResourceId == resourceId);

    public SessionResources Apply(DocumentAttached attached) => this with
    {
        CohortId = attached.CohortId,
        SessionId = attached.SessionId,
        Resources = [.. Resources, new SessionResource(attached.ResourceId, attached.Title, null, attached.FileName, attached.ContentType, attached.Length, attached.AttachedAt)],
    };

    public SessionResources Apply(LinkAttached attached) => this with
    {
        CohortId = attached.CohortId,
        SessionId = attached.SessionId,
        Resources = [.. Resources, new SessionResource(attached.ResourceId, attached.Title, attached.Url, null, null, 0, attached.AttachedAt)],
    };

    public SessionResources Apply(ResourceRemoved removed) => this with
    {
        Resources = Resources.Where(resource => resource.ResourceId != removed.ResourceId).ToList(),
    };

    public SessionResources Apply(PreparationWritten written) => this with
    {
        CohortId = written.CohortId, SessionId = written.SessionId, Preparation = written.Text,
    };

    public SessionResources Apply(PresentedSolutionsKept kept) => this with
    {
        CohortId = kept.CohortId, SessionId = kept.SessionId, Solutions = kept.Solutions,
    };
}

/// <summary>A document (<see cref="FileName"/>, its detected <see cref="ContentType"/>) or a link (<see cref="Url"/>).</summary>
public sealed record SessionResource(Guid ResourceId, string Title, string? Url, string? FileName, string? ContentType, long Length, DateTimeOffset AttachedAt)
{
    public bool IsLink => Url is not null;
}

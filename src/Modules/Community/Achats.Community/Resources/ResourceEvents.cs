using Achats.Catalogue.Contracts;

namespace Achats.Community.Resources;

// The events of a session's material in the space (one stream per session, ADR 0056): what staff attached, removed or
// asked to prepare, and the solutions Catalogue says will be presented there. A file's bytes are not in the events: they
// sit in community.resource_files, written and deleted in the same transaction.

/// <summary>Staff attached a file to the session; its type was read from its first bytes.</summary>
public sealed record DocumentAttached(Guid ResourceId, Guid CohortId, Guid SessionId, string Title, string FileName, string ContentType, long Length,
    string AttachedBy, DateTimeOffset AttachedAt);

/// <summary>Staff attached a link (a recording, a page) to the session.</summary>
public sealed record LinkAttached(Guid ResourceId, Guid CohortId, Guid SessionId, string Title, string Url, string AttachedBy, DateTimeOffset AttachedAt);

/// <summary>Staff removed a resource; a file's bytes went with it.</summary>
public sealed record ResourceRemoved(Guid ResourceId, string RemovedBy, DateTimeOffset RemovedAt);

/// <summary>Staff wrote what participants should prepare for the session (empty: nothing any more).</summary>
public sealed record PreparationWritten(Guid CohortId, Guid SessionId, string Text, string WrittenBy, DateTimeOffset WrittenAt);

/// <summary>Catalogue's whole list of the solutions presented at this matchmaking session, as last told (empty after a cancellation).</summary>
public sealed record PresentedSolutionsKept(Guid CohortId, Guid SessionId, IReadOnlyList<PresentedSolution> Solutions);

namespace Achats.Audit.Contracts;

/// <summary>Whether a stream's history is the one appended: its chain recomputed and checked against the latest seal.</summary>
public sealed record VerifyStream(Guid StreamId);

/// <summary>
/// <paramref name="Sealed"/>: the latest seal covers the stream (a deleted tail would show). <paramref name="Break"/>: in French, where the chain stops matching (« version 3 : les données de l'événement ont
/// été modifiées »), or null when it is intact.
/// </summary>
public sealed record StreamIntegrity(bool Intact, long Events, bool Sealed, string? Break);

namespace Achats.Shared.Http;

/// <summary>What the request names does not exist: HTTP 404.</summary>
public sealed class NotFoundException(string detail) : Exception(detail);

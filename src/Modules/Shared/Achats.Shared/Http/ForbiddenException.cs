namespace Achats.Shared.Http;

/// <summary>The caller is known but may not do this (a partner acting for another partner): HTTP 403.</summary>
public sealed class ForbiddenException(string detail) : Exception(detail);

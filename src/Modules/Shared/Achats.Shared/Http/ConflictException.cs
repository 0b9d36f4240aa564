namespace Achats.Shared.Http;

/// <summary>The request conflicts with what is already recorded (a duplicate, a concurrent change): HTTP 409.</summary>
public sealed class ConflictException(string detail) : Exception(detail);

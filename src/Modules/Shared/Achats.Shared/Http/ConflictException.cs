namespace Achats.Shared.Http;

/// <summary>
/// The request conflicts with what is already recorded (a duplicate, a concurrent change): HTTP 409.
/// <paramref name="details"/> become members of the problem details, e.g. the id of what it collides with.
/// </summary>
public sealed class ConflictException(string detail, IReadOnlyDictionary<string, object?>? details = null) : Exception(detail)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

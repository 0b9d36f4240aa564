namespace Achats.Shared.Http;

/// <summary>
/// A well-formed request that a rule of the programme refuses (outside the registration window, a
/// supplier instead of a buyer...): HTTP 422, with the stable type <c>urn:achats:problem:{rule}</c>.
/// </summary>
public sealed class RuleViolationException(string rule, string detail, IReadOnlyDictionary<string, object?>? details = null) : Exception(detail)
{
    /// <summary>
    /// The detail naming the request field a refusal concerns, as the request spells it (<c>startsOn</c>): a page
    /// shows the refusal beside that field.
    /// </summary>
    public const string FieldKey = "field";

    public string Rule { get; } = rule;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

namespace Achats.Shared.Replay;

/// <summary>
/// How the auditor's replay names a read model kept as a snapshot of its stream (ADR 0059): a French noun, singular
/// and plural, and the fields (JSON paths, dotted) that name one document better than its id.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReplayedAsAttribute(string singular, string plural, params string[] nameFields) : Attribute
{
    public string Singular { get; } = singular;

    public string Plural { get; } = plural;

    public IReadOnlyList<string> NameFields { get; } = nameFields;
}

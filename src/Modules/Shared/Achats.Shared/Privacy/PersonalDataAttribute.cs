namespace Achats.Shared.Privacy;

/// <summary>
/// Marks a text property of an event (or of a value inside one) as a person's data: the audit chain commits to it
/// apart from the rest of the event, and erasing the person replaces it with <see cref="Erased"/> while the chain
/// still verifies (ADR 0058). Only events are read for it; documents and messages are erased by their values.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PersonalDataAttribute : Attribute
{
    /// <summary>What an erased value reads as, in the events, the read models, the timeline and the exports.</summary>
    public const string Erased = "[données effacées]";
}

namespace Achats.Shared.Web;

/// <summary>One option of a list on a page: the value posted, the words shown.</summary>
public sealed record Choice(string Value, string Label);

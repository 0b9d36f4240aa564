namespace Achats.Shared.Web;

/// <summary>One step of a page's breadcrumbs; the last one, the page itself, has no link.</summary>
public sealed record Crumb(string Text, string? Href = null);

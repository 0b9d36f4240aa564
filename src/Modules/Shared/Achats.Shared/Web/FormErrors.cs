using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Achats.Shared.Web;

/// <summary>What a page shows of a refused command: messages beside their fields, or one message for the whole form.</summary>
public sealed record FormErrors(IReadOnlyDictionary<string, string[]> Fields, string? Message)
{
    public static readonly FormErrors None = new(new Dictionary<string, string[]>(), null);

    public bool Any => Fields.Count > 0 || Message is not null;

    /// <summary>The messages for a field, its items' included (<c>declaredMemberships[1]</c>).</summary>
    public IReadOnlyList<string> For(string name) =>
        Fields.Where(field => field.Key == name || field.Key.StartsWith(name + "[", StringComparison.Ordinal) || field.Key.StartsWith(name + ".", StringComparison.Ordinal))
            .SelectMany(field => field.Value).Distinct().ToList();

    /// <summary>The same problem the API answers, told on the page.</summary>
    public static FormErrors From(ProblemDetails problem) => problem is HttpValidationProblemDetails validation
        ? new FormErrors(validation.Errors.ToDictionary(), null)
        : new FormErrors(new Dictionary<string, string[]>(), problem.Detail ?? problem.Title) { Type = problem.Type };

    /// <summary>The problem's stable type (<c>urn:achats:problem:sessions-overlap</c>) when the whole command was refused.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// A refusal by one of <paramref name="rules"/> told beside the field <paramref name="name"/> it concerns (an overlap
    /// beside the times) rather than at the top of the form; any other refusal unchanged.
    /// </summary>
    public FormErrors Beside(string name, params string[] rules) =>
        Message is { } message && rules.Any(rule => Type == $"urn:achats:problem:{rule}") ? Field(name, message) : this;

    /// <summary>One field refused, the way a validator would have said it.</summary>
    public static FormErrors Field(string name, string message) => new(new Dictionary<string, string[]> { [name] = [message] }, null);

    /// <summary>
    /// The form these errors belong to, on a page with several forms whose fields share names (each decision has
    /// its <c>reason</c>): it keeps their element ids apart.
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>The errors of the form <paramref name="scope"/>: these when it is the form that was posted, else none.</summary>
    public FormErrors For(string scope, string? postedScope) => (postedScope == scope ? this with { Message = null } : None) with { Scope = scope };

    /// <summary>The id of the element that tells a field's errors, for <c>aria-describedby</c>.</summary>
    public string ErrorId(string name) => $"{InputId(name)}-erreur";

    /// <summary>An element id made from a field name: <c>participant.firstName</c> becomes <c>participant-firstName</c>.</summary>
    public string InputId(string name) =>
        (Scope is null ? "" : Scope + "-") + name.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);
}

/// <summary>What a page's command came to: its answer, or the refusal to show (the page's status code is set already).</summary>
public sealed record PageOutcome<T>(T? Answer, FormErrors Errors)
{
    public bool Succeeded => !Errors.Any;
}

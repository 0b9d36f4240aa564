using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Achats.Shared.Email;

/// <summary>
/// An email written as a file staff can read and a reviewer can diff: <c>Emails/&lt;name&gt;.txt</c> beside the
/// module's use cases, embedded in its assembly. Its first line is <c>Objet : …</c>, then a blank line, then the
/// body: paragraphs separated by blank lines, <c>- </c> lists, <c>[words](address)</c> links, <c>{{Name}}</c>
/// values, <c>{{#if Name}}</c> … <c>{{#else}}</c> … <c>{{/if}}</c> and <c>{{#each Name}}</c> … <c>{{/each}}</c> (the lines
/// once per item, whose values are named inside as plain names) on lines of their own. One template gives
/// both the plain text and the HTML of the email, inside one layout whose footer links the privacy notice.
/// </summary>
public sealed partial class EmailTemplate
{
    private const string SubjectPrefix = "Objet : ";
    private static readonly ConcurrentDictionary<(Assembly, string), EmailTemplate> Loaded = new();
    private static readonly Lazy<(string Html, string Text)> Layout = new(() =>
        (Read(typeof(EmailTemplate).Assembly, "layout.html"), Read(typeof(EmailTemplate).Assembly, "layout.txt")));

    private readonly string _subject;
    private readonly string[] _body;

    private EmailTemplate(string name, string source)
    {
        Name = name;
        var lines = source.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (lines.Length < 3 || !lines[0].StartsWith(SubjectPrefix, StringComparison.Ordinal) || lines[1].Length != 0)
        {
            throw new InvalidOperationException($"The email template {name} must start with « {SubjectPrefix}… » and a blank line.");
        }

        _subject = lines[0][SubjectPrefix.Length..].Trim();
        _body = lines[2..];
        Names = [.. Placeholder().Matches(string.Join('\n', OutsideLoops(lines))).Select(match => match.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The lines a loop does not repeat, and each loop's own line (which names its list).</summary>
    private static IEnumerable<string> OutsideLoops(IEnumerable<string> lines)
    {
        var inLoop = false;
        foreach (var line in lines)
        {
            if (Loop().IsMatch(line))
            {
                inLoop = true;
                yield return line;
            }
            else if (line.Trim() == "{{/each}}")
            {
                inLoop = false;
            }
            else if (!inLoop)
            {
                yield return line;
            }
        }
    }

    public string Name { get; }

    /// <summary>Every value the template names: a caller gives each of them, even those only a condition reads.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The template <c>Emails/<paramref name="name"/>.txt</c> of the module whose assembly is <paramref name="assembly"/>.</summary>
    public static EmailTemplate Of(Assembly assembly, string name) =>
        Loaded.GetOrAdd((assembly, name), key => new EmailTemplate(key.Item2, Read(key.Item1, $"Emails/{key.Item2}.txt")));

    /// <summary>The names of every template <paramref name="assembly"/> holds, for tests that render them all.</summary>
    public static IReadOnlyList<string> AllIn(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith("Emails/", StringComparison.Ordinal) && resource.EndsWith(".txt", StringComparison.Ordinal))
            .Select(resource => resource["Emails/".Length..^".txt".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The email to <paramref name="toName"/> &lt;<paramref name="to"/>&gt;. A value that is null, false or empty
    /// makes its <c>{{#if}}</c> false; every named value must be given, so a template and its callers cannot drift apart.
    /// </summary>
    public SendEmail Render(
        string to, string toName, PublicSite site, IReadOnlyDictionary<string, object?> values, params IReadOnlyList<EmailAttachment> attachments)
    {
        if (Names.FirstOrDefault(name => !values.ContainsKey(name)) is { } missing)
        {
            throw new InvalidOperationException($"The email template {Name} needs the value {missing}.");
        }

        (var lines, values) = Repeated(values);
        var blocks = Blocks(Kept(lines, values));
        var subject = Placeholder().Replace(_subject, match => Format(values[match.Groups["name"].Value]).ReplaceLineEndings(" "));
        var text = Layout.Value.Text
            .Replace("{{Body}}", string.Join("\n\n", blocks.Select(block => string.Join("\n", block.Select(line => TextLine(line, values))))))
            .Replace("{{PrivacyUrl}}", site.PrivacyUrl);
        var html = Layout.Value.Html
            .Replace("{{Subject}}", Encode(subject))
            .Replace("{{Body}}", string.Join("\n", blocks.Select(block => HtmlBlock(block, values))))
            .Replace("{{PrivacyUrl}}", Encode(site.PrivacyUrl));
        return new SendEmail(to, toName, subject, text, html, attachments.Count == 0 ? null : attachments);
    }

    /// <summary>
    /// The body with each loop written out once per item: inside the n-th copy, <c>{{Title}}</c> becomes
    /// <c>{{List.n.Title}}</c>, a value added beside the caller's, so conditions and escaping work the same everywhere.
    /// </summary>
    private (List<string> Lines, IReadOnlyDictionary<string, object?> Values) Repeated(IReadOnlyDictionary<string, object?> values)
    {
        var lines = new List<string>();
        var all = new Dictionary<string, object?>(values);
        for (var at = 0; at < _body.Length; at++)
        {
            if (Loop().Match(_body[at]) is not { Success: true } loop)
            {
                lines.Add(_body[at]);
                continue;
            }

            var list = loop.Groups["name"].Value;
            var end = Array.IndexOf(_body, "{{/each}}", at);
            var repeated = end > at ? _body.Skip(at + 1).Take(end - at - 1).ToList() : throw new InvalidOperationException($"The email template {Name} leaves a loop open.");
            var index = 0;
            foreach (var item in values[list] as IEnumerable<IReadOnlyDictionary<string, object?>> ?? throw new InvalidOperationException($"The email template {Name} repeats {list}, which is not a list of values."))
            {
                var prefix = $"{list}.{index++}.";
                lines.AddRange(repeated.Select(line => Placeholder().Replace(line, match =>
                {
                    var name = match.Groups["name"].Value;
                    all[prefix + name] = item.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The email template {Name} needs the value {name} in each of {list}.");
                    return match.Value.Replace(name, prefix + name, StringComparison.Ordinal);
                })));
            }

            at = end;
        }

        return (lines, all);
    }

    /// <summary>The body's lines once the conditions are decided.</summary>
    private List<string> Kept(IReadOnlyList<string> lines, IReadOnlyDictionary<string, object?> values)
    {
        var kept = new List<string>();
        var open = new Stack<(bool Condition, bool InElse)>();
        foreach (var line in lines)
        {
            if (Condition().Match(line) is { Success: true } condition)
            {
                open.Push((IsTrue(values[condition.Groups["name"].Value]), false));
            }
            else if (line.Trim() == "{{#else}}")
            {
                var (value, _) = open.Count > 0 ? open.Pop() : throw new InvalidOperationException($"The email template {Name} has an {{{{#else}}}} outside a condition.");
                open.Push((value, true));
            }
            else if (line.Trim() == "{{/if}}")
            {
                _ = open.Count > 0 ? open.Pop() : throw new InvalidOperationException($"The email template {Name} closes a condition it never opened.");
            }
            else if (open.All(level => level.Condition != level.InElse))
            {
                kept.Add(line);
            }
        }

        return open.Count == 0 ? kept : throw new InvalidOperationException($"The email template {Name} leaves a condition open.");
    }

    /// <summary>Paragraphs and lists: runs of lines between blank lines.</summary>
    private static List<List<string>> Blocks(List<string> lines)
    {
        var blocks = new List<List<string>> { new() };
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                blocks.Add([]);
            }
            else
            {
                blocks[^1].Add(line.TrimEnd());
            }
        }

        return blocks.Where(block => block.Count > 0).ToList();
    }

    private static string TextLine(string line, IReadOnlyDictionary<string, object?> values) =>
        Substitute(Link().Replace(line, link => $"{link.Groups["words"].Value} : {link.Groups["url"].Value}"), values, encode: false);

    private static string HtmlBlock(List<string> block, IReadOnlyDictionary<string, object?> values)
    {
        if (block.All(line => line.StartsWith("- ", StringComparison.Ordinal)))
        {
            return $"<ul style=\"margin:0 0 16px;padding-left:24px;\">{string.Concat(block.Select(line => $"<li>{HtmlLine(line[2..], values)}</li>"))}</ul>";
        }

        return $"<p style=\"margin:0 0 16px;\">{string.Join("<br>\n", block.Select(line => HtmlLine(line, values)))}</p>";
    }

    private static string HtmlLine(string line, IReadOnlyDictionary<string, object?> values)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match link in Link().Matches(line))
        {
            html.Append(Substitute(line[at..link.Index], values, encode: true));
            var url = Substitute(link.Groups["url"].Value, values, encode: false);
            html.Append($"<a href=\"{Encode(url)}\" style=\"color:#1f5c3a;font-weight:bold;\">")
                .Append(Substitute(link.Groups["words"].Value, values, encode: true))
                .Append("</a>");
            at = link.Index + link.Length;
        }

        return html.Append(Substitute(line[at..], values, encode: true)).ToString();
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, object?> values, bool encode) =>
        Placeholder().Replace(encode ? Encode(text) : text, match =>
        {
            var value = Format(values[match.Groups["name"].Value]);
            return encode ? string.Join("<br>\n", value.ReplaceLineEndings("\n").Split('\n').Select(Encode)) : value;
        });

    /// <summary>Only what HTML needs is escaped: French stays readable in the source (é, not &amp;#233;).</summary>
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);

    private static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.GetCultureInfo("fr-FR")),
        _ => value.ToString() ?? "",
    };

    private static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => !string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection collection => collection.Count > 0,
        _ => true,
    };

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} holds no email template {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(?:#if |#each )?(?<name>[A-Za-z][A-Za-z0-9.]*)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*\{\{#if (?<name>[A-Za-z][A-Za-z0-9.]*)\}\}\s*$")]
    private static partial Regex Condition();

    [GeneratedRegex(@"^\s*\{\{#each (?<name>[A-Za-z][A-Za-z0-9]*)\}\}\s*$")]
    private static partial Regex Loop();

    [GeneratedRegex(@"\[(?<words>[^\]]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();
}

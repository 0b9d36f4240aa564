using System.Text.RegularExpressions;
using Achats.Shared.Privacy;
using Achats.Shared.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Erasure;

/// <summary>
/// What identifies a person to erase, read from their enrolments' events before they are masked (ADR 0061): their
/// enrolments (every enrolment made with the same email), the emails, names and phones they gave. Kept in memory
/// for the erasure only, never logged.
/// </summary>
internal sealed class PersonTraces
{
    private PersonTraces(IReadOnlyList<Guid> enrolmentIds, IReadOnlySet<string> emails, IReadOnlySet<string> names, IReadOnlySet<string> phones,
        IReadOnlyList<string> fullNames)
    {
        EnrolmentIds = enrolmentIds;
        Emails = emails;
        Names = names;
        Phones = phones;
        var texts = emails.Concat(phones).Concat(fullNames).Concat(fullNames.Select(TextFolding.Fold))
            .Where(text => text.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(text => text.Length).ToList();
        Needles = [.. EnrolmentIds.Select(id => id.ToString()), .. texts];
        Copies = texts.Count == 0 ? null : new Regex(string.Join('|', texts.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var words = names.Concat(names.Select(TextFolding.Fold)).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(name => name.Length).ToList();
        Words = words.Count == 0 ? null
            : new Regex($@"\b(?:{string.Join('|', words.Select(Regex.Escape))})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<Guid> EnrolmentIds { get; }

    public IReadOnlySet<string> Emails { get; }

    /// <summary>First and last names, replaced where they stand alone in a value of the person's own.</summary>
    public IReadOnlySet<string> Names { get; }

    public IReadOnlySet<string> Phones { get; }

    /// <summary>What a stored value about the person contains: an enrolment id, an email, a phone, a full name (as written, or folded).</summary>
    public IReadOnlyList<string> Needles { get; }

    /// <summary>The person's data wherever it stands inside a text: emails, phones, full names in both orders, folded or not.</summary>
    public Regex? Copies { get; }

    /// <summary>The person's traces, from the enrolment named and every other one of theirs; null when no enrolment has that id.</summary>
    public static async Task<PersonTraces?> ReadAsync(NpgsqlConnection connection, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var emails = await StringsAsync(connection, $$"""
            select data #>> '{Participant,Email}' from {{Chain.EventChain.Events}}
            where stream_id = @id and data ? 'Participant' and data ->> 'EnrolmentId' = @id::text
            """, enrolmentId, cancellationToken);
        if (emails.Count == 0)
        {
            return null;
        }

        var personal = emails.Where(IsPersonal).Select(email => email.ToLowerInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var enrolments = new List<Guid> { enrolmentId };
        await using (var others = new NpgsqlCommand($$"""
            select distinct stream_id from {{Chain.EventChain.Events}}
            where data ? 'Participant' and lower(data #>> '{Participant,Email}') = any(@emails) and data ->> 'EnrolmentId' = stream_id::text
            """, connection))
        {
            others.Parameters.Add(new NpgsqlParameter("emails", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = personal.ToArray() });
            await using var reader = await others.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetGuid(0) != enrolmentId)
                {
                    enrolments.Add(reader.GetGuid(0));
                }
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var fullNames = new List<string>();
        var phones = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var details = new NpgsqlCommand($$"""
            select data #>> '{Participant,FirstName}', data #>> '{Participant,LastName}', coalesce(data #>> '{Participant,Phone}', data ->> 'Phone')
            from {{Chain.EventChain.Events}} where stream_id = any(@enrolments)
            """, connection))
        {
            details.Parameters.Add(new NpgsqlParameter("enrolments", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = enrolments.ToArray() });
            await using var reader = await details.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (first, last, phone) = (Text(reader, 0), Text(reader, 1), Text(reader, 2));
                if (IsPersonal(first) && IsPersonal(last))
                {
                    names.Add(first!);
                    names.Add(last!);
                    fullNames.Add($"{first} {last}");
                    fullNames.Add($"{last} {first}");
                }

                if (IsPersonal(phone))
                {
                    phones.Add(phone!);
                }
            }
        }

        return new PersonTraces(enrolments, personal, names, phones, fullNames);
    }

    /// <summary>Whether a JSON object is the person's own: its id or enrolment id is one of theirs, or one of its values is their email.</summary>
    public bool Owns(string propertyName, string value) =>
        (propertyName.Equals("Id", StringComparison.OrdinalIgnoreCase) || propertyName.Equals("EnrolmentId", StringComparison.OrdinalIgnoreCase))
            ? Guid.TryParse(value, out var id) && EnrolmentIds.Contains(id)
            : Emails.Contains(value);

    /// <summary>Whether a value of the person's own object is one of their names, emails or phones, whole.</summary>
    public bool IsTheirs(string value) => Names.Contains(value) || Emails.Contains(value) || Phones.Contains(value);

    /// <summary>Their first and last names as words, in what is written to or about them (« Bonjour Eulalie, »).</summary>
    public Regex? Words { get; }

    /// <summary>The text with every copy of the person's data inside it replaced.</summary>
    public string Scrub(string text) => Copies is null ? text : Copies.Replace(text, PersonalDataAttribute.Erased);

    /// <summary>A text of the person's own (written to or about them): their names replaced even alone.</summary>
    public string ScrubOwn(string text) => Words is null ? Scrub(text) : Words.Replace(Scrub(text), PersonalDataAttribute.Erased);

    private static bool IsPersonal(string? value) => !string.IsNullOrWhiteSpace(value) && value != PersonalDataAttribute.Erased;

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                values.Add(reader.GetString(0));
            }
        }

        return values;
    }
}

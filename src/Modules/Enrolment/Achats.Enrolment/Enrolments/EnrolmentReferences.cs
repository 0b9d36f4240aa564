using System.Globalization;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// The short reference people quote for an enrolment, <c>ACH-2026-00042</c>: the year it was submitted (Paris) and
/// that year's counter. One row per year in <c>enrolment.reference_counters</c>, taken and raised in one statement, so
/// two pre-registrations racing never get the same number; a number once taken is never given again (ADR 0042).
/// </summary>
internal static class EnrolmentReferences
{
    private const string Table = "reference_counters";

    /// <summary>The counters' table, created and migrated by Marten with the module's documents.</summary>
    public static Table CountersTable()
    {
        var table = new Table(new PostgresqlObjectName(EnrolmentModule.Schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<int>("last").NotNull();
        return table;
    }

    public static async Task<string> NextAsync(IDocumentSession session, int year, CancellationToken cancellationToken)
    {
        var taken = await session.AdvancedSql.QueryAsync<int>(
            $"insert into {EnrolmentModule.Schema}.{Table} as counter (year, last) values (?, 1) " +
            "on conflict (year) do update set last = counter.last + 1 returning counter.last",
            cancellationToken, year);
        return Format(year, taken.Single());
    }

    /// <summary>Five digits at least: ACH-2026-00042, then ACH-2026-100000 if a year ever needs it.</summary>
    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"ACH-{year:D4}-{number:D5}");
}

using Achats.Audit.Chain;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Privacy;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Erasure;

/// <summary>
/// The retention rule applied on <paramref name="Day"/>: every person enrolled in a cohort closed at least
/// <c>Audit:Retention:YearsAfterClosure</c> years before (3 by default) is erased, as staff would (ADR 0061).
/// Cascaded from the daily audit run, in a transaction of its own.
/// </summary>
public sealed record ApplyRetention(DateOnly Day)
{
    public const int DefaultYears = 3;

    public static int YearsAfterClosure(IConfiguration configuration) => configuration.GetValue("Audit:Retention:YearsAfterClosure", DefaultYears);
}

/// <summary>The people the rule erased that day (their enrolments), none when nobody was past it.</summary>
public sealed record RetentionApplied(DateOnly Day, IReadOnlyList<Guid> ErasedEnrolmentIds);

internal sealed class ApplyRetentionValidator : AbstractValidator<ApplyRetention>
{
    public ApplyRetentionValidator() =>
        RuleFor(run => run.Day).NotEmpty().WithMessage("Précisez le jour où la règle de conservation s'applique.");
}

public static class ApplyRetentionHandler
{
    public static async Task<RetentionApplied> Handle(
        ApplyRetention command, IDocumentSession session, Replay.Snapshots snapshots, IEnumerable<ISentEmails> sentEmails, TimeProvider time, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var years = ApplyRetention.YearsAfterClosure(configuration);
        var connection = await PersonErasure.BeginAsync(session, cancellationToken);
        var erased = new List<Guid>();
        foreach (var enrolmentId in await PastTheRuleAsync(connection, command.Day.AddYears(-years), cancellationToken))
        {
            if (erased.Contains(enrolmentId))
            {
                continue;
            }

            var record = await PersonErasure.EraseAsync(session, connection, snapshots, sentEmails, enrolmentId,
                $"Durée de conservation écoulée : {years} ans après la clôture de l'édition.", Actor.System.ToString(), time.GetUtcNow(), cancellationToken);
            erased.AddRange(record!.EnrolmentIds);
        }

        return new RetentionApplied(command.Day, erased);
    }

    /// <summary>
    /// The enrolments, not erased yet, of every cohort closed on or before <paramref name="closedBy"/> (Paris time),
    /// read from Cohorts' closure events and Enrolment's first events as stored.
    /// </summary>
    private static async Task<List<Guid>> PastTheRuleAsync(NpgsqlConnection connection, DateOnly closedBy, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($$"""
            select e.stream_id from {{EventChain.Events}} e
            where e.version = 1 and e.data ? 'Participant' and e.data ->> 'EnrolmentId' = e.stream_id::text
              and e.data #>> '{Participant,Email}' <> @erased
              and (e.data ->> 'CohortId')::uuid in (
                  select c.stream_id from {{EventChain.Events}} c
                  where c.type = 'cohorts.cohort_closed'
                    and ((c.data ->> 'ClosedAt')::timestamptz at time zone 'Europe/Paris')::date <= @closedBy)
            order by e.seq_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("erased", NpgsqlDbType.Text) { Value = PersonalDataAttribute.Erased });
        command.Parameters.Add(new NpgsqlParameter("closedBy", NpgsqlDbType.Date) { Value = closedBy });
        var enrolments = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            enrolments.Add(reader.GetGuid(0));
        }

        return enrolments;
    }
}

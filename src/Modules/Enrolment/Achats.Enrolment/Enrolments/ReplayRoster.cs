using Achats.Cohorts.Contracts;
using Achats.Shared.Replay;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// Cohorts keeps its roster from Enrolment's admissions, withdrawals and pairs: the roster those messages make, stated
/// again from Enrolment's events alone (in the order they were committed), beside the roster Cohorts answers
/// (ADR 0059). It follows Cohorts' rules for the pair: a member admitted with a binôme on the roster pairs them both,
/// a member who leaves frees their binôme, a pair declared or dissolved changes only members still there.
/// </summary>
internal sealed class ReplayRoster(IMessageBus bus) : IReadModelReplay
{
    public (string Singular, string Plural) Noun => ("membre", "membres");

    public async Task<IReadOnlyList<ReplayedRecord>> ReplayAsync(IQuerySession session, Guid cohortId, CancellationToken cancellationToken)
    {
        var enrolmentIds = await EnrolmentsOfAsync(session, cohortId, cancellationToken);
        var events = await session.Events.QueryAllRawEvents().Where(@event => @event.StreamId.IsOneOf(enrolmentIds))
            .OrderBy(@event => @event.Sequence).ToListAsync(cancellationToken);

        // Each enrolment as it stood when admitted (what the admission told Cohorts), folded once per stream.
        var aggregator = ((DocumentStore)session.DocumentStore).Options.Projections.AggregatorFor<EnrolmentFile>();
        var admittedAs = new Dictionary<Guid, EnrolmentFile>();
        foreach (var stream in events.GroupBy(@event => @event.StreamId))
        {
            var before = stream.TakeWhile(@event => @event.Data is not EnrolmentAdmitted).ToList();
            if (before.Count < stream.Count() && await aggregator.BuildAsync(before, session, null, cancellationToken) is { } file)
            {
                admittedAs[stream.Key] = file;
            }
        }

        var roster = new Dictionary<Guid, RosterEntry>();
        foreach (var @event in events)
        {
            Follow(roster, @event, admittedAs);
        }

        var stored = (await bus.InvokeAsync<RosterEntries>(new GetRosterEntries(cohortId), cancellationToken)).Entries.ToDictionary(entry => entry.EnrolmentId);
        return [.. stored.Keys.Union(roster.Keys).Order().Select(id =>
        {
            var entry = roster.GetValueOrDefault(id) ?? stored[id];
            return new ReplayedRecord($"{entry.FirstName} {entry.LastName}", stored.GetValueOrDefault(id), roster.GetValueOrDefault(id));
        })];
    }

    /// <summary>The enrolments submitted to the cohort, as their first events say.</summary>
    private static async Task<Guid[]> EnrolmentsOfAsync(IQuerySession session, Guid cohortId, CancellationToken cancellationToken)
    {
        var events = (EventGraph)((DocumentStore)session.DocumentStore).Options.Events;
        await using var command = new NpgsqlCommand($"""
            select stream_id from {events.DatabaseSchemaName}.mt_events
            where type = @submitted and data @> jsonb_build_object('CohortId', @cohort::text)
            """);
        command.Parameters.Add(new NpgsqlParameter("submitted", events.EventMappingFor(typeof(PreRegistrationSubmitted)).EventTypeName));
        command.Parameters.Add(new NpgsqlParameter("cohort", NpgsqlDbType.Uuid) { Value = cohortId });
        var ids = new List<Guid>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    /// <summary>What one event of an enrolment (committed in this order) does to the roster.</summary>
    private static void Follow(Dictionary<Guid, RosterEntry> roster, IEvent @event, IReadOnlyDictionary<Guid, EnrolmentFile> admittedAs)
    {
        var id = @event.StreamId;
        switch (@event.Data)
        {
            case EnrolmentAdmitted admitted when admittedAs.TryGetValue(id, out var file) && !roster.ContainsKey(id):
                roster[id] = new RosterEntry(id, file.Participant.FirstName, file.Participant.LastName, file.Participant.Email,
                    file.Participant.Profile.ToString(), file.Organisation.Name, file.Organisation.Kind.ToString(), file.Organisation.Siren,
                    file.PairedWith, admitted.SignedAt, Left: false, LeftReason: null);
                if (file.PairedWith is { } partnerId && roster.GetValueOrDefault(partnerId) is { Left: false } partner && partner.PairedWith != id)
                {
                    roster[partnerId] = partner with { PairedWith = id };
                }

                break;
            case EnrolmentWithdrawn withdrawn: // only a member leaves the roster: an enrolment is withdrawn once
                Leave(roster, id, withdrawn.Reason);
                break;
            case ParticipantReplaced replaced:
                Leave(roster, id, replaced.Reason);
                break;
            case PairDeclared declared:
                Pair(roster, id, declared.ColleagueEnrolmentId, paired: true);
                break;
            case PairDissolved dissolved:
                Pair(roster, id, dissolved.ColleagueEnrolmentId, paired: false);
                break;
        }
    }

    private static void Leave(Dictionary<Guid, RosterEntry> roster, Guid id, string reason)
    {
        if (roster.GetValueOrDefault(id) is not { Left: false } member)
        {
            return;
        }

        roster[id] = member with { Left = true, LeftReason = reason };
        if (member.PairedWith is { } partnerId && roster.GetValueOrDefault(partnerId) is { } partner)
        {
            roster[partnerId] = partner with { PairedWith = null };
        }
    }

    private static void Pair(Dictionary<Guid, RosterEntry> roster, Guid one, Guid other, bool paired)
    {
        foreach (var (member, colleague) in new[] { (one, other), (other, one) })
        {
            if (roster.GetValueOrDefault(member) is { Left: false } onRoster)
            {
                roster[member] = onRoster with { PairedWith = paired ? colleague : (onRoster.PairedWith == colleague ? null : onRoster.PairedWith) };
            }
        }
    }
}

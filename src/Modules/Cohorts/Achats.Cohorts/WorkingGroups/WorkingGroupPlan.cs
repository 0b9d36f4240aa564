using System.Security.Cryptography;
using System.Text;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;
using Achats.Shared.Replay;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Cohorts.WorkingGroups;

/// <summary>
/// The cohort's working groups: proposed by the system, adjusted by staff, then published. One plan per
/// cohort, its stream id derived from the cohort's, so two racing first proposals make one plan.
/// </summary>
[ReplayedAs("plan de groupes de travail", "plans de groupes de travail")]
public sealed record WorkingGroupPlan(Guid Id, Guid CohortId, int MinSize, int MaxSize, IReadOnlyList<WorkingGroup> Groups)
{
    public int Version { get; set; }

    /// <summary>When staff last published it; null while the groups have changed since (or were never published).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public static WorkingGroupPlan Create(WorkingGroupsProposed proposed) =>
        new(proposed.PlanId, proposed.CohortId, proposed.MinSize, proposed.MaxSize, proposed.Groups);

    public WorkingGroupPlan Apply(WorkingGroupsProposed proposed) => Create(proposed);

    public WorkingGroupPlan Apply(WorkingGroupMembersMoved moved) => this with
    {
        Groups = Groups.Select(group => group with
        {
            Members = group.Id == moved.ToGroupId
                ? [.. group.Members.Except(moved.EnrolmentIds), .. moved.EnrolmentIds]
                : group.Members.Except(moved.EnrolmentIds).ToList(),
        }).ToList(),
        PublishedAt = null,
    };

    public WorkingGroupPlan Apply(WorkingGroupsPublishedOn published) => this with { PublishedAt = published.PublishedAt };

    public WorkingGroup? GroupOf(Guid enrolmentId) => Groups.FirstOrDefault(group => group.Members.Contains(enrolmentId));

    public static Guid IdOf(Guid cohortId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"achats:working-groups:{cohortId:N}")).AsSpan(0, 16));
}

public sealed record WorkingGroup(Guid Id, string Name, PurchaseCategory? Category, IReadOnlyList<Guid> Members);

/// <summary>A new proposal, replacing any earlier one and its adjustments.</summary>
public sealed record WorkingGroupsProposed(Guid PlanId, Guid CohortId, int MinSize, int MaxSize, IReadOnlyList<WorkingGroup> Groups);

/// <summary>Staff moved participants (a binôme together) to a group, or out of every group (<paramref name="ToGroupId"/> null).</summary>
public sealed record WorkingGroupMembersMoved(IReadOnlyList<Guid> EnrolmentIds, Guid? ToGroupId);

public sealed record WorkingGroupsPublishedOn(DateTimeOffset PublishedAt);

/// <summary>
/// What staff should know about the groups as they stand: sizes outside the bounds, groups of one sector
/// only, participants in no group, and (kept apart) binômes split across groups.
/// </summary>
internal static class WorkingGroupChecks
{
    public static IReadOnlyList<string> Warnings(WorkingGroupPlan plan, IReadOnlyList<RosterMember> members)
    {
        var current = members.Where(member => member.IsMember).ToDictionary(member => member.Id);
        var warnings = new List<string>();
        foreach (var group in plan.Groups)
        {
            var people = group.Members.Where(current.ContainsKey).Select(id => current[id]).ToList();
            if (people.Count < plan.MinSize)
            {
                warnings.Add($"Le groupe « {group.Name} » compte {people.Count} participant(s), moins que le minimum de {plan.MinSize}.");
            }
            else if (people.Count > plan.MaxSize)
            {
                warnings.Add($"Le groupe « {group.Name} » compte {people.Count} participants, plus que le maximum de {plan.MaxSize}.");
            }

            if (people.Count > 0 && people.Select(person => person.Sector).Distinct().Count() == 1)
            {
                warnings.Add($"Le groupe « {group.Name} » ne réunit que des acheteurs {(people[0].Sector == Sector.Public ? "publics" : "privés")}.");
            }
        }

        var placed = plan.Groups.SelectMany(group => group.Members).ToHashSet();
        var unplaced = current.Values.Where(member => !placed.Contains(member.Id)).ToList();
        if (unplaced.Count > 0)
        {
            warnings.Add($"Sans groupe : {string.Join(", ", unplaced.Select(member => member.Name))}.");
        }

        foreach (var member in current.Values.Where(member => member.PairedWith is { } partner && member.Id.CompareTo(partner) < 0))
        {
            if (plan.GroupOf(member.Id)?.Id != plan.GroupOf(member.PairedWith!.Value)?.Id)
            {
                warnings.Add($"Le binôme de {member.Name} est réparti dans deux groupes.");
            }
        }

        return warnings;
    }
}

/// <summary>
/// The plan a command changes, loaded by Wolverine's aggregate handler workflow from the command's <c>PlanId</c>
/// (derived from its cohort's): 404 when no groups were proposed yet.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class WritePlanAttribute : WriteAggregateAttribute
{
    public WritePlanAttribute(string planId) : base(planId)
    {
        OnMissing = OnMissing.ThrowException;
        MissingMessage = "Aucun groupe de travail n'est encore proposé pour cette édition.";
    }
}

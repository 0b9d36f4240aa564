using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;

namespace Achats.Cohorts.WorkingGroups;

/// <summary>
/// One admitted participant of the cohort. PairedWith: the enrolment id of their pair partner (binôme), when the partner
/// is also a candidate. Category: the purchase category of their purchasing projects (null when they declared none).
/// </summary>
internal sealed record GroupCandidate(Guid EnrolmentId, Guid? PairedWith, Sector Sector, PurchaseCategory? Category);

/// <summary>A working group as proposed to staff; Category null is a group mixing several categories (leftovers).</summary>
internal sealed record ProposedGroup(PurchaseCategory? Category, IReadOnlyList<Guid> Members);

/// <summary>The groups and who could not be placed; <see cref="WorkingGroupChecks"/> tells staff what is left unmet.</summary>
internal sealed record GroupProposal(IReadOnlyList<ProposedGroup> Groups, IReadOnlyList<Guid> Unassigned);

/// <summary>Proposes working groups around purchase categories, mixing public and private buyers, pairs kept together.</summary>
internal static class WorkingGroupProposer
{
    public static GroupProposal Propose(IReadOnlyList<GroupCandidate> candidates, int minSize, int maxSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, minSize);
        if (candidates.DistinctBy(candidate => candidate.EnrolmentId).Count() != candidates.Count)
            throw new ArgumentException("A candidate appears more than once.", nameof(candidates));

        var units = Units(candidates);
        var groups = new List<Draft>();
        var leftovers = new List<Unit>();
        foreach (var category in units.Where(unit => unit.Category is not null).GroupBy(unit => unit.Category).OrderBy(category => category.Key))
        {
            if (People(category) >= minSize)
                groups.AddRange(Split([.. category], maxSize).Select(members => new Draft(category.Key, members)));
            else
                leftovers.AddRange(category);
        }
        leftovers.AddRange(units.Where(unit => unit.Category is null));

        var unassigned = new List<Unit>();
        if (People(leftovers) >= minSize)
        {
            groups.AddRange(Split(leftovers, maxSize).Select(members => new Draft(null, members)));
        }
        else
        {
            // A leftover's category has no group of its own (it has too few people), so only size and sectors choose.
            foreach (var unit in leftovers.OrderByDescending(unit => unit.Size).ThenBy(unit => unit.Id))
            {
                var host = groups
                    .Where(group => People(group.Members) + unit.Size <= maxSize)
                    .MinBy(group => (People(group.Members), Lacks(group.Members, unit.Sector) ? 0 : 1));
                if (host is null)
                    unassigned.Add(unit);
                else
                    host.Members.Add(unit);
            }
        }

        return new GroupProposal(
            [.. groups.Select(group => new ProposedGroup(group.Category, Ids(group.Members)))],
            Ids(unassigned));
    }

    /// <summary>A pair (one organisation, hence one sector) or a single person: never split.</summary>
    private sealed record Unit(IReadOnlyList<GroupCandidate> Members)
    {
        public Guid Id => Members[0].EnrolmentId;

        public int Size => Members.Count;

        public Sector Sector => Members[0].Sector;

        public PurchaseCategory? Category => Members.Select(member => member.Category).FirstOrDefault(category => category is not null);
    }

    private sealed record Draft(PurchaseCategory? Category, List<Unit> Members);

    private static List<Unit> Units(IReadOnlyList<GroupCandidate> candidates)
    {
        var ordered = candidates.OrderBy(candidate => candidate.EnrolmentId).ToList();
        var byId = ordered.ToDictionary(candidate => candidate.EnrolmentId);
        var partners = new Dictionary<Guid, Guid>();

        void Pair(Guid one, Guid other)
        {
            partners[one] = other;
            partners[other] = one;
        }

        // Mutual claims first, so that someone claimed by two people keeps the partner they claimed themselves.
        foreach (var candidate in ordered)
            if (candidate.PairedWith is { } partner && partner != candidate.EnrolmentId
                && byId.TryGetValue(partner, out var other) && other.PairedWith == candidate.EnrolmentId)
                Pair(candidate.EnrolmentId, partner);
        foreach (var candidate in ordered)
            if (candidate.PairedWith is { } partner && byId.ContainsKey(partner) && partner != candidate.EnrolmentId
                && !partners.ContainsKey(candidate.EnrolmentId) && !partners.ContainsKey(partner))
                Pair(candidate.EnrolmentId, partner);

        // Candidates come in id order, so a pair's unit starts with the lower id and is made when that one comes.
        var units = new List<Unit>();
        foreach (var candidate in ordered)
        {
            if (!partners.TryGetValue(candidate.EnrolmentId, out var partner))
                units.Add(new Unit([candidate]));
            else if (candidate.EnrolmentId.CompareTo(partner) < 0)
                units.Add(new Unit([candidate, byId[partner]]));
        }
        return units;
    }

    /// <summary>
    /// Splits into as few groups as fit under maxSize, sizes balanced: pairs first then singles, each to the smallest group
    /// (one lacking its sector on a tie), sectors alternating; then swaps same-size units to give every group both sectors.
    /// </summary>
    private static List<List<Unit>> Split(List<Unit> units, int maxSize)
    {
        var pairs = units.Count(unit => unit.Size == 2);
        var count = (People(units) + maxSize - 1) / maxSize;
        while (pairs > count * (maxSize / 2))
            count++;

        // With that count the smallest group always has room: pairs spread evenly, then singles fill the gaps.
        var groups = Enumerable.Range(0, count).Select(_ => new List<Unit>()).ToList();
        foreach (var unit in Alternate(units.Where(unit => unit.Size == 2)).Concat(Alternate(units.Where(unit => unit.Size == 1))))
            groups.MinBy(group => (People(group), Lacks(group, unit.Sector) ? 0 : 1))!.Add(unit);

        while (SectorSwap(groups) is (var lacking, var donor, var given, var taken))
        {
            donor.Remove(given);
            lacking.Remove(taken);
            donor.Add(taken);
            lacking.Add(given);
        }
        return groups;
    }

    private static IEnumerable<Unit> Alternate(IEnumerable<Unit> units)
    {
        var publics = units.Where(unit => unit.Sector == Sector.Public).OrderBy(unit => unit.Id).ToList();
        var privates = units.Where(unit => unit.Sector == Sector.Private).OrderBy(unit => unit.Id).ToList();
        for (var i = 0; i < Math.Max(publics.Count, privates.Count); i++)
        {
            if (i < publics.Count)
                yield return publics[i];
            if (i < privates.Count)
                yield return privates[i];
        }
    }

    /// <summary>
    /// A group lacking a sector takes a unit of it from a group holding two or more, giving back one of the same size:
    /// sizes do not move, the donor keeps the sector, and the taker keeps its own, so each swap mixes one more group.
    /// </summary>
    private static (List<Unit> Lacking, List<Unit> Donor, Unit Given, Unit Taken)? SectorSwap(List<List<Unit>> groups) =>
        (from lacking in groups
         where lacking.Count >= 2
         from sector in Enum.GetValues<Sector>()
         where Lacks(lacking, sector)
         from donor in groups
         where donor.Count(unit => unit.Sector == sector) >= 2
         from given in donor.Where(unit => unit.Sector == sector)
         from taken in lacking.Where(unit => unit.Size == given.Size)
         select ((List<Unit> Lacking, List<Unit> Donor, Unit Given, Unit Taken)?)(lacking, donor, given, taken))
        .FirstOrDefault();

    private static int People(IEnumerable<Unit> units) => units.Sum(unit => unit.Size);

    private static bool Lacks(IEnumerable<Unit> units, Sector sector) => units.All(unit => unit.Members.All(member => member.Sector != sector));

    private static List<Guid> Ids(IEnumerable<Unit> units) =>
        [.. units.OrderBy(unit => unit.Id).SelectMany(unit => unit.Members).Select(member => member.EnrolmentId)];
}

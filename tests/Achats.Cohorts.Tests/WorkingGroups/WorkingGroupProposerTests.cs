using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.WorkingGroups;
using Shouldly;
using Xunit;

namespace Achats.Cohorts.Tests.WorkingGroups;

public sealed class WorkingGroupProposerTests
{
    private const PurchaseCategory Btp = PurchaseCategory.ConstructionAndPublicWorks;
    private const PurchaseCategory Catering = PurchaseCategory.Catering;
    private const PurchaseCategory It = PurchaseCategory.ItEquipment;
    private const PurchaseCategory Cleaning = PurchaseCategory.Cleaning;
    private const PurchaseCategory Furniture = PurchaseCategory.Furniture;
    private const PurchaseCategory Office = PurchaseCategory.OfficeSupplies;

    // A cohort of 40: categories of 12, 9, 7, 5, 4 and 3 people, six pairs (one claimed one way only).
    private static readonly GroupCandidate[] Cohort =
    [
        Public(1, Btp), Public(2, Btp), Public(3, Btp), Public(4, Btp, pairedWith: 5), Public(5, Btp, pairedWith: 4),
        Private(6, Btp), Private(7, Btp), Private(8, Btp), Private(9, Btp), Private(10, Btp, pairedWith: 11),
        Private(11, Btp, pairedWith: 10), Public(12, Btp),
        Public(13, Catering), Public(14, Catering), Public(15, Catering, pairedWith: 16), Public(16, Catering, pairedWith: 15),
        Private(17, Catering), Private(18, Catering), Private(19, Catering), Private(20, Catering, pairedWith: 21),
        Private(21, Catering, pairedWith: 20),
        Public(22, It), Public(23, It), Private(24, It, pairedWith: 25), Private(25, It), Private(26, It), Private(27, It),
        Private(28, It),
        Public(29, Cleaning, pairedWith: 30), Public(30, Cleaning, pairedWith: 29), Private(31, Cleaning), Private(32, Cleaning),
        Private(33, Cleaning),
        Public(34, Furniture), Public(35, Furniture), Private(36, Furniture), Private(37, Furniture),
        Public(38, Office), Private(39, Office), Private(40, Office),
    ];

    private static readonly (int, int)[] CohortPairs = [(4, 5), (10, 11), (15, 16), (20, 21), (24, 25), (29, 30)];

    [Fact]
    public void Groups_of_4_to_8_proposed_for_a_cohort_of_40_in_6_categories_hold_every_constraint()
    {
        var proposal = WorkingGroupProposer.Propose(Cohort, minSize: 4, maxSize: 8);

        proposal.Groups.ShouldAllBe(group => group.Members.Count >= 4 && group.Members.Count <= 8);
        // Every category here has public and private buyers, so every group can mix them.
        proposal.Groups.ShouldAllBe(group => SectorsOf(group).Count == 2);
        foreach (var (one, other) in CohortPairs)
            proposal.Groups.ShouldContain(group => group.Members.Contains(Id(one)) && group.Members.Contains(Id(other)));
        proposal.Groups.SelectMany(group => group.Members).Concat(proposal.Unassigned)
            .ShouldBe(Cohort.Select(candidate => candidate.EnrolmentId), ignoreOrder: true);
        proposal.Unassigned.ShouldBeEmpty();
        proposal.Groups.Select(group => group.Category).ShouldBe([Btp, Btp, Catering, Catering, It, Cleaning, Furniture]);
    }

    [Fact]
    public void The_proposal_does_not_depend_on_the_order_of_the_candidates()
    {
        var proposal = WorkingGroupProposer.Propose(Cohort, 4, 8);
        var reversed = WorkingGroupProposer.Propose([.. Cohort.AsEnumerable().Reverse()], 4, 8);

        Describe(reversed).ShouldBe(Describe(proposal));
    }

    [Fact]
    public void In_groups_too_small_for_two_pairs_each_pair_stays_whole_in_a_group_of_its_own()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp, pairedWith: 2), Public(2, Btp, pairedWith: 1),
            Private(3, Btp, pairedWith: 4), Private(4, Btp, pairedWith: 3),
            Public(5, Btp, pairedWith: 6), Public(6, Btp, pairedWith: 5),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 2, maxSize: 3);

        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2), Ids(3, 4), Ids(5, 6)]);
    }

    [Fact]
    public void Someone_claimed_by_two_people_stays_with_the_one_they_claim_back()
    {
        GroupCandidate[] candidates =
        [
            Private(1, Btp, pairedWith: 2), Public(2, Btp, pairedWith: 3), Public(3, Btp, pairedWith: 2), Public(4, Btp),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 2, maxSize: 2);

        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(2, 3), Ids(1, 4)]);
    }

    [Fact]
    public void A_pair_goes_with_the_first_category_declared_by_its_members()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp, pairedWith: 2), Public(2, Catering, pairedWith: 1),
            Public(3, null, pairedWith: 4), Public(4, Catering, pairedWith: 3),
            Private(5, Btp), Private(6, Catering),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 2, maxSize: 8);

        proposal.Groups.Select(group => group.Category).ShouldBe([Btp, Catering]);
        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2, 5), Ids(3, 4, 6)]);
    }

    [Fact]
    public void A_swap_still_mixes_every_group_when_private_buyers_come_as_singles_and_pairs_fill_a_group_with_public_buyers()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp, pairedWith: 2), Public(2, Btp, pairedWith: 1), Public(3, Btp, pairedWith: 4), Public(4, Btp, pairedWith: 3),
            Public(5, Btp, pairedWith: 6), Public(6, Btp, pairedWith: 5), Public(7, Btp), Public(8, Btp),
            Private(9, Btp), Private(10, Btp),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 4, maxSize: 8);

        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2, 5, 6, 9), Ids(3, 4, 7, 8, 10)]);
    }

    [Fact]
    public void Categories_below_the_minimum_whose_people_reach_it_together_form_a_mixed_group()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp), Public(2, Btp), Public(3, Btp), Private(4, Btp), Private(5, Btp),
            Public(6, Catering), Private(7, Catering), Private(8, Cleaning), Public(9, null),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 4, maxSize: 8);

        proposal.Groups.Select(group => group.Category).ShouldBe([Btp, null]);
        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2, 3, 4, 5), Ids(6, 7, 8, 9)]);
    }

    [Fact]
    public void A_lone_leftover_joins_the_smallest_group_with_room()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp), Public(2, Btp), Public(3, Btp), Private(4, Btp), Private(5, Btp),
            Public(6, Furniture), Private(7, Furniture), Private(8, Furniture), Private(9, Furniture),
            Public(10, null),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 4, maxSize: 8);

        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2, 3, 4, 5), Ids(6, 7, 8, 9, 10)]);
        proposal.Unassigned.ShouldBeEmpty();
    }

    [Fact]
    public void A_leftover_pair_no_group_has_room_for_is_left_unassigned()
    {
        GroupCandidate[] candidates =
        [
            Public(1, Btp), Public(2, Btp), Public(3, Btp), Private(4, Btp), Private(5, Btp), Private(6, Btp), Private(7, Btp),
            Public(8, null, pairedWith: 9), Public(9, null, pairedWith: 8),
        ];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 4, maxSize: 8);

        proposal.Groups.Select(group => group.Members).ShouldBe([Ids(1, 2, 3, 4, 5, 6, 7)]);
        proposal.Unassigned.ShouldBe(Ids(8, 9));
    }

    [Fact]
    public void Nobody_is_placed_when_there_are_fewer_people_than_the_minimum()
    {
        var proposal = WorkingGroupProposer.Propose([Public(1, Btp)], minSize: 4, maxSize: 8);

        proposal.Groups.ShouldBeEmpty();
        proposal.Unassigned.ShouldBe(Ids(1));
    }

    [Fact]
    public void A_category_of_private_buyers_only_still_gets_balanced_groups()
    {
        GroupCandidate[] candidates = [.. Enumerable.Range(1, 9).Select(n => Private(n, Catering))];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 4, maxSize: 8);

        proposal.Groups.Select(group => group.Members.Count).ShouldBe([5, 4]);
    }

    [Fact]
    public void A_category_that_cannot_be_split_within_the_bounds_gets_one_group_short_rather_than_anyone_left_out()
    {
        GroupCandidate[] candidates = [.. Enumerable.Range(1, 9).Select(n => n % 2 == 0 ? Public(n, Btp) : Private(n, Btp))];

        var proposal = WorkingGroupProposer.Propose(candidates, minSize: 5, maxSize: 8);

        proposal.Groups.Select(group => group.Members.Count).ShouldBe([5, 4]);
    }

    [Fact]
    public void No_candidates_make_an_empty_proposal()
    {
        var proposal = WorkingGroupProposer.Propose([], 4, 8);

        proposal.Groups.ShouldBeEmpty();
        proposal.Unassigned.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(0, 8)]
    [InlineData(4, 3)]
    [InlineData(2, 1)]
    public void Sizes_below_two_or_a_maximum_below_the_minimum_are_refused(int minSize, int maxSize) =>
        Should.Throw<ArgumentOutOfRangeException>(() => WorkingGroupProposer.Propose(Cohort, minSize, maxSize));

    [Fact]
    public void A_candidate_given_twice_is_refused() =>
        Should.Throw<ArgumentException>(() => WorkingGroupProposer.Propose([Public(1, Btp), Public(1, Btp)], 2, 8));

    private static Guid Id(int number) => new($"00000000-0000-0000-0000-{number:D12}");

    private static Guid[] Ids(params int[] numbers) => [.. numbers.Select(Id)];

    private static GroupCandidate Public(int number, PurchaseCategory? category, int? pairedWith = null) =>
        new(Id(number), pairedWith is { } partner ? Id(partner) : null, Sector.Public, category);

    private static GroupCandidate Private(int number, PurchaseCategory? category, int? pairedWith = null) =>
        new(Id(number), pairedWith is { } partner ? Id(partner) : null, Sector.Private, category);

    private static HashSet<Sector> SectorsOf(ProposedGroup group) =>
        [.. Cohort.Where(candidate => group.Members.Contains(candidate.EnrolmentId)).Select(candidate => candidate.Sector)];

    private static List<string> Describe(GroupProposal proposal) =>
        [
            .. proposal.Groups.Select(group => $"{group.Category}: {string.Join(", ", group.Members)}"),
            $"Unassigned: {string.Join(", ", proposal.Unassigned)}",
        ];
}

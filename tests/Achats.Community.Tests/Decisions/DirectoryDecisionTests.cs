using Achats.Cohorts.Contracts;
using Achats.Community.Directory;
using Achats.Community.Spaces;
using Shouldly;
using Xunit;

namespace Achats.Community.Tests.Decisions;

/// <summary>Who the directory lists: members who opted in, while they are members, with their binôme when both are listed.</summary>
public sealed class DirectoryDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Cohort = Guid.CreateVersion7();
    private static readonly Guid Alice = Guid.CreateVersion7();
    private static readonly Guid Bruno = Guid.CreateVersion7();
    private static readonly Visitor Staff = new(null, Shared.Access.StaffRole.ProgrammeStaff, "staff", "Équipe");

    private static CohortSpace Space(params Guid[] departed) => new()
    {
        CohortId = Cohort, Name = "Promotion 2026-2027", OpenedAt = Now.AddDays(-10),
        Members =
        [
            new SpaceMember(Alice, "Alice", "Martin", "alice@ville.test", "Ville de Montreuil", Now.AddDays(-20)) { LeftAt = departed.Contains(Alice) ? Now : null },
            new SpaceMember(Bruno, "Bruno", "Petit", "bruno@ville.test", "Ville de Montreuil", Now.AddDays(-20)) { LeftAt = departed.Contains(Bruno) ? Now : null },
        ],
    };

    private static DirectoryEntry Fold(Guid enrolmentId, IEnumerable<object> events) =>
        events.Aggregate(new DirectoryEntry { Id = DirectoryEntry.IdOf(enrolmentId) }, (entry, e) => e switch
        {
            DirectoryEntryChanged changed => entry.Apply(changed),
            PartnerKept kept => entry.Apply(kept),
            PartnerDropped dropped => entry.Apply(dropped),
            _ => throw new InvalidOperationException(e.GetType().Name),
        });

    private static UpdateDirectoryEntry Update(bool listed, string? role = "Acheteuse publique", PurchaseCategory? category = PurchaseCategory.Catering) =>
        new(Cohort, new Visitor("alice@ville.test", null, null, null), listed, role, category);

    private static DirectoryEntry Entry(Guid enrolmentId, bool listed, Guid? partner = null)
    {
        List<object> events = [.. UpdateDirectoryEntryHandler.Decide(null, enrolmentId, Update(listed), Now)];
        if (partner is { } colleague)
        {
            events.AddRange(KeepPairsHandler.Paired(Fold(enrolmentId, events), enrolmentId, colleague));
        }

        return Fold(enrolmentId, events);
    }

    private static DirectoryView View(CohortSpace space, params DirectoryEntry[] entries) =>
        GetDirectoryHandler.View(VisitSpaceHandler.Decide(space, Staff), entries, null, null);

    [Fact]
    public void A_member_without_an_entry_is_not_listed_and_is_unchecked_by_default()
    {
        View(Space()).Members.ShouldBeEmpty();
        GetDirectoryHandler.Mine(null).Listed.ShouldBeFalse();
    }

    [Fact]
    public void A_member_who_opted_in_is_listed_and_opting_out_removes_her()
    {
        var listed = Entry(Alice, listed: true);
        View(Space(), listed).Members.ShouldHaveSingleItem().Role.ShouldBe("Acheteuse publique");

        var optedOut = Fold(Alice, [.. UpdateDirectoryEntryHandler.Decide(null, Alice, Update(true), Now), .. UpdateDirectoryEntryHandler.Decide(listed, Alice, Update(false), Now)]);

        View(Space(), optedOut).Members.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_entry_again_changes_nothing()
    {
        UpdateDirectoryEntryHandler.Decide(Entry(Alice, listed: true), Alice, Update(true, " Acheteuse publique "), Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_member_who_left_is_no_longer_listed()
    {
        View(Space(departed: Alice), Entry(Alice, listed: true)).Members.ShouldBeEmpty();
    }

    [Fact]
    public void The_binome_is_named_only_while_both_are_members_and_listed()
    {
        View(Space(), Entry(Alice, true, Bruno), Entry(Bruno, false, Alice)).Members.ShouldHaveSingleItem().Binome.ShouldBeNull();
        View(Space(), Entry(Alice, true, Bruno), Entry(Bruno, true, Alice)).Members.Single(m => m.Name == "Alice Martin").Binome.ShouldBe("Bruno Petit");
        View(Space(departed: Bruno), Entry(Alice, true, Bruno), Entry(Bruno, true, Alice)).Members.ShouldHaveSingleItem().Binome.ShouldBeNull();
    }

    [Fact]
    public void A_pair_heard_twice_or_a_dissolution_of_an_old_pair_changes_nothing()
    {
        var paired = Entry(Alice, true, Bruno);
        KeepPairsHandler.Paired(paired, Alice, Bruno).ShouldBeEmpty();

        KeepPairsHandler.Unpaired(paired, Alice, Guid.CreateVersion7()).ShouldBeEmpty();
        var unpaired = Fold(Alice, [.. UpdateDirectoryEntryHandler.Decide(null, Alice, Update(true), Now), new PartnerKept(Alice, Bruno), .. KeepPairsHandler.Unpaired(paired, Alice, Bruno)]);
        unpaired.PartnerEnrolmentId.ShouldBeNull();
        KeepPairsHandler.Unpaired(unpaired, Alice, Bruno).ShouldBeEmpty();
    }

    [Fact]
    public void The_directory_is_searched_by_words_without_accents_and_by_category()
    {
        var space = Space();
        var visit = VisitSpaceHandler.Decide(space, Staff);
        DirectoryEntry[] entries = [Entry(Alice, listed: true), Entry(Bruno, listed: true)];

        GetDirectoryHandler.View(visit, entries, "montreuil acheteuse", null).Members.Count.ShouldBe(2);
        GetDirectoryHandler.View(visit, entries, "PETIT", null).Members.ShouldHaveSingleItem().Name.ShouldBe("Bruno Petit");
        GetDirectoryHandler.View(visit, entries, null, PurchaseCategory.Furniture).Members.ShouldBeEmpty();
    }
}

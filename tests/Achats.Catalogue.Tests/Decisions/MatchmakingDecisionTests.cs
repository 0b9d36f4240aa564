using Achats.Catalogue.Matchmaking;
using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Catalogue.Tests.Decisions.Given;

namespace Achats.Catalogue.Tests.Decisions;

public sealed class MatchmakingDecisionTests
{
    private static readonly DateTimeOffset StartsAt = Monday.AddDays(14);

    private static SessionScheduled Scheduled(string kind = "Matchmaking", string title = "Mobilier et textiles", params PurchaseCategory[] categories) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), title, kind, StartsAt, StartsAt.AddHours(2), "Online", "https://visio.example/mer", null, null,
            categories.Length == 0 ? [PurchaseCategory.Textiles, PurchaseCategory.Furniture] : categories);

    private static MatchmakingSession Kept(SessionScheduled? scheduled = null)
    {
        var kept = KeepMatchmakingSessionHandler.Decide(null, scheduled ?? Scheduled())!;
        return MatchmakingSession.Create(kept) with { Version = 1 };
    }

    private static Solution PublishedIn(params PurchaseCategory[] categories)
    {
        var content = Content();
        return Published(content with { Solution = content.Solution with { Categories = categories } });
    }

    private static MatchmakingSession Invited(MatchmakingSession session, params Solution[] solutions) =>
        session.Apply(new SuppliersInvited(session.Id, solutions.Select(solution => new Invitation(Guid.CreateVersion7(), solution.Id,
            solution.Published!.Solution.Title, solution.Published.Supplier.Name, "Claire Martin", "claire.martin@ateliers.example.org", "hash")).ToList(), Monday));

    [Fact]
    public void A_matchmaking_session_is_kept_whole_and_its_redelivery_or_an_identical_change_keeps_nothing_more()
    {
        var scheduled = Scheduled(categories: [PurchaseCategory.Furniture, PurchaseCategory.Textiles, PurchaseCategory.Furniture]);
        var session = Kept(scheduled);

        session.Details.Categories.ShouldBe([PurchaseCategory.Furniture, PurchaseCategory.Textiles]);
        KeepMatchmakingSessionHandler.Decide(session, scheduled).ShouldBeNull();
        KeepMatchmakingSessionHandler.Decide(session, scheduled with { Categories = [PurchaseCategory.Textiles, PurchaseCategory.Furniture] }).ShouldBeNull();

        var moved = KeepMatchmakingSessionHandler.Decide(session, scheduled with { StartsAt = StartsAt.AddDays(1), EndsAt = StartsAt.AddDays(1).AddHours(2) });
        moved.ShouldNotBeNull().Details.StartsAt.ShouldBe(StartsAt.AddDays(1));
    }

    [Fact]
    public void A_cancelled_session_is_not_brought_back_by_a_late_change()
    {
        var scheduled = Scheduled();
        var cancelled = Kept(scheduled).Apply(new MatchmakingSessionCancelled(scheduled.SessionId, "Salle indisponible", Monday));

        KeepMatchmakingSessionHandler.Decide(cancelled, scheduled with { Title = "Autre titre" }).ShouldBeNull();
    }

    [Fact]
    public void Only_published_solutions_of_the_sessions_categories_are_proposed()
    {
        var session = Kept();
        var furniture = PublishedIn(PurchaseCategory.Furniture, PurchaseCategory.Catering);
        var catering = PublishedIn(PurchaseCategory.Catering);
        var awaiting = Submitted(Content());

        session.Proposes(furniture).ShouldBeTrue();
        session.Proposes(catering).ShouldBeFalse();
        session.Proposes(awaiting).ShouldBeFalse();
        session.Proposes(furniture.Apply(new SolutionUnpublished(furniture.Id, "Plus d'activité", Monday))).ShouldBeFalse();
    }

    [Fact]
    public void Staff_invite_only_among_the_proposals_and_each_solution_once()
    {
        var session = Kept();
        var furniture = PublishedIn(PurchaseCategory.Furniture);
        var textiles = PublishedIn(PurchaseCategory.Textiles);
        var catering = PublishedIn(PurchaseCategory.Catering);
        var awaiting = Submitted(Content());

        InviteSuppliersHandler.Decide(session, [furniture, textiles], [textiles.Id, furniture.Id], Monday).Select(solution => solution.Id).ShouldBe([textiles.Id, furniture.Id]);
        Should.Throw<RuleViolationException>(() => InviteSuppliersHandler.Decide(session, [furniture, catering], [furniture.Id, catering.Id], Monday))
            .Message.ShouldContain("ne relève d'aucune catégorie d'achat de la séance");
        Should.Throw<RuleViolationException>(() => InviteSuppliersHandler.Decide(session, [awaiting], [awaiting.Id], Monday))
            .Message.ShouldBe("Seule une solution publiée au catalogue peut être invitée à une mise en relation.");
        Should.Throw<NotFoundException>(() => InviteSuppliersHandler.Decide(session, [], [Guid.CreateVersion7()], Monday));

        var invited = Invited(session, furniture);
        Should.Throw<ConflictException>(() => InviteSuppliersHandler.Decide(invited, [furniture, textiles], [textiles.Id, furniture.Id], Monday))
            .Message.ShouldContain("est déjà invitée");
    }

    [Fact]
    public void No_invitation_once_the_session_started_or_was_cancelled()
    {
        var session = Kept();
        var furniture = PublishedIn(PurchaseCategory.Furniture);

        Should.Throw<ConflictException>(() => InviteSuppliersHandler.Decide(session, [furniture], [furniture.Id], StartsAt));
        var cancelled = session.Apply(new MatchmakingSessionCancelled(session.Id, "Salle indisponible", Monday));
        Should.Throw<ConflictException>(() => InviteSuppliersHandler.Decide(cancelled, [furniture], [furniture.Id], Monday));
    }

    [Fact]
    public void An_answer_may_change_until_the_session_starts_the_same_answer_again_records_nothing()
    {
        var furniture = PublishedIn(PurchaseCategory.Furniture);
        var session = Invited(Kept(), furniture);
        var invitationId = session.Invitations.Single().InvitationId;

        var yes = AnswerInvitationHandler.Decide(session, invitationId, presents: true, Monday).ShouldNotBeNull();
        var answered = session.Apply(yes);
        answered.Confirmed.Select(solution => solution.SolutionId).ShouldBe([furniture.Id]);
        AnswerInvitationHandler.Decide(answered, invitationId, presents: true, Monday.AddHours(1)).ShouldBeNull();

        var no = AnswerInvitationHandler.Decide(answered, invitationId, presents: false, StartsAt.AddMinutes(-1)).ShouldNotBeNull();
        answered.Apply(no).Confirmed.ShouldBeEmpty();

        Should.Throw<RuleViolationException>(() => AnswerInvitationHandler.Decide(answered, invitationId, presents: false, StartsAt)).Rule.ShouldBe("invitation-closed");
    }

    [Fact]
    public void A_cancellation_tells_the_invited_who_did_not_decline_once_and_confirms_no_solution_any_more()
    {
        var furniture = PublishedIn(PurchaseCategory.Furniture);
        var textiles = PublishedIn(PurchaseCategory.Textiles);
        var beds = PublishedIn(PurchaseCategory.Furniture);
        var session = Invited(Kept(), furniture, textiles, beds);
        session = session.Apply(new InvitationAnswered(session.Id, session.Invitations[0].InvitationId, true, Monday))
            .Apply(new InvitationAnswered(session.Id, session.Invitations[1].InvitationId, false, Monday));

        var cancelled = TellInvitedOfCancellationHandler.Decide(session, " Salle indisponible ", Monday).ShouldNotBeNull();
        cancelled.Reason.ShouldBe("Salle indisponible");
        TellInvitedOfCancellationHandler.ToTell(session).Select(invitation => invitation.SolutionId).ShouldBe([furniture.Id, beds.Id]);

        var after = session.Apply(cancelled);
        after.Confirmed.ShouldBeEmpty();
        TellInvitedOfCancellationHandler.Decide(after, "Salle indisponible", Monday).ShouldBeNull();
        Should.Throw<RuleViolationException>(() => AnswerInvitationHandler.Decide(after, after.Invitations[2].InvitationId, true, Monday));
    }
}

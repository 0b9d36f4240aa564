using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Catalogue.Matchmaking;

/// <summary>Staff invite the suppliers of some of the solutions proposed for a session; each contact is emailed.</summary>
public sealed record InviteSuppliers(Guid SessionId, IReadOnlyList<Guid>? SolutionIds);

/// <summary>What inviting answers: the session's new version and the invitations sent.</summary>
public sealed record SuppliersInvitedAnswer(Guid SessionId, int Version, IReadOnlyList<Guid> InvitationIds);

internal sealed class InviteSuppliersValidator : AbstractValidator<InviteSuppliers>
{
    public const int Most = 100;

    public InviteSuppliersValidator()
    {
        RuleFor(command => command.SessionId).NotEmpty().WithMessage("Indiquez la séance de mise en relation.");
        RuleFor(command => command.SolutionIds).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choisissez au moins une solution à inviter.")
            .Must(ids => ids!.Count <= Most).WithMessage($"Invitez au plus {Most} solutions à la fois.")
            .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("Chaque solution ne peut être choisie qu'une fois.");
        RuleForEach(command => command.SolutionIds).NotEmpty().WithMessage("Identifiant de solution vide.");
    }
}

public static class InviteSuppliersHandler
{
    public static async Task<(SuppliersInvitedAnswer, OutgoingMessages)> Handle(
        InviteSuppliers command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<MatchmakingSession>(MatchmakingSession.StreamIdOf(command.SessionId), cancellationToken);
        var matchmaking = stream.Aggregate ?? throw new NotFoundException(Matchmaking.NotFound);
        var solutions = await session.LoadManyAsync<Solution>(cancellationToken, command.SolutionIds!);
        var now = time.GetUtcNow();
        var chosen = Decide(matchmaking, solutions, command.SolutionIds!, now);

        var site = PublicSite.From(configuration);
        var invitations = new List<Invitation>();
        var emails = new OutgoingMessages();
        foreach (var solution in chosen)
        {
            var (token, hash) = SigningToken.New();
            var invitation = new Invitation(Guid.CreateVersion7(), solution.Id, solution.Published!.Solution.Title, solution.Published.Supplier.Name,
                solution.Contact.Name, solution.Contact.Email, hash);
            session.Store(new InvitationLink(hash, matchmaking.SessionId, invitation.InvitationId));
            invitations.Add(invitation);
            emails.Add(MatchmakingEmails.Invitation(matchmaking, invitation, token, site, now));
        }

        stream.AppendOne(new SuppliersInvited(matchmaking.SessionId, invitations, now));
        return (new SuppliersInvitedAnswer(matchmaking.SessionId, matchmaking.Version + 1, invitations.Select(invitation => invitation.InvitationId).ToList()), emails);
    }

    /// <summary>
    /// The solutions to invite, in the order staff chose them: only published solutions proposed for the session (in
    /// one of its categories), each invited once, to a session neither cancelled nor started.
    /// </summary>
    public static IReadOnlyList<Solution> Decide(MatchmakingSession matchmaking, IReadOnlyList<Solution> loaded, IReadOnlyList<Guid> solutionIds, DateTimeOffset now)
    {
        if (matchmaking.IsCancelled)
        {
            throw new ConflictException("Cette séance de mise en relation est annulée : plus personne ne peut y être invité.");
        }

        if (now >= matchmaking.Details.StartsAt)
        {
            throw new ConflictException("Cette séance de mise en relation a déjà commencé : il est trop tard pour inviter.");
        }

        var chosen = new List<Solution>();
        foreach (var id in solutionIds)
        {
            var solution = loaded.FirstOrDefault(candidate => candidate.Id == id)
                ?? throw new NotFoundException(SolutionStreams.NotFound);
            if (!matchmaking.Proposes(solution))
            {
                throw new RuleViolationException("solution-not-proposed",
                    solution.IsPublished
                        ? $"La solution « {solution.Published!.Solution.Title} » ne relève d'aucune catégorie d'achat de la séance : elle n'y est pas proposée."
                        : "Seule une solution publiée au catalogue peut être invitée à une mise en relation.",
                    new Dictionary<string, object?> { [RuleViolationException.FieldKey] = "solutionIds", ["solutionId"] = id });
            }

            if (matchmaking.Invitations.Any(invitation => invitation.SolutionId == id))
            {
                throw new ConflictException($"La solution « {solution.Published!.Solution.Title} » est déjà invitée à cette séance.",
                    new Dictionary<string, object?> { ["solutionId"] = id });
            }

            chosen.Add(solution);
        }

        return chosen;
    }
}

internal static class InviteSuppliersEndpoint
{
    public static RouteHandlerBuilder MapInviteSuppliers(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapPost("/matchmaking/sessions/{sessionId:guid}/invitations", async (
                Guid sessionId, InviteSuppliers command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SuppliersInvitedAnswer>(command with { SessionId = sessionId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(InviteSuppliers))
            .WithSummary("Inviter des fournisseurs à une mise en relation")
            .WithDescription("Parmi les solutions publiées proposées pour la séance (de ses catégories d'achat) ; chaque contact reçoit un courriel avec son lien de réponse.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

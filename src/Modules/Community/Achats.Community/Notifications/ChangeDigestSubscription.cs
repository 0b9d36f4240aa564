using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Notifications;

/// <summary>Whether the visiting member receives the daily digest of their space.</summary>
public sealed record GetDigestSubscription(Guid CohortId, Visitor Visitor);

/// <summary>The visiting member opts in or out of the daily digest (<see cref="Visitor"/> from the request, never from the body).</summary>
public sealed record ChangeDigestSubscription(Guid CohortId, Visitor? Visitor, bool? Receives);

internal sealed class ChangeDigestSubscriptionValidator : AbstractValidator<ChangeDigestSubscription>
{
    public ChangeDigestSubscriptionValidator()
    {
        RuleFor(command => command.CohortId).NotEmpty().WithMessage("Indiquez l'édition.");
        RuleFor(command => command.Visitor).NotNull().WithMessage("Connectez-vous pour choisir vos notifications.");
        RuleFor(command => command.Receives).NotNull().WithMessage("Dites si vous souhaitez recevoir le résumé quotidien.");
    }
}

public static class GetDigestSubscriptionHandler
{
    public static async Task<DigestChoice> Handle(GetDigestSubscription query, IQuerySession session, CancellationToken cancellationToken)
    {
        var member = DigestSubscriptions.MemberOf(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(query.CohortId), cancellationToken), query.Visitor);
        return new DigestChoice(query.CohortId, await session.LoadAsync<DigestSubscription>(member.EnrolmentId, cancellationToken) is not { Receives: false });
    }
}

public static class ChangeDigestSubscriptionHandler
{
    public static async Task<DigestChoice> Handle(
        ChangeDigestSubscription command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = DigestSubscriptions.MemberOf(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(command.CohortId), cancellationToken), command.Visitor!);
        session.Store(new DigestSubscription(member.EnrolmentId, command.CohortId, command.Receives!.Value, time.GetUtcNow()));
        return new DigestChoice(command.CohortId, command.Receives.Value);
    }
}

internal static class DigestSubscriptions
{
    /// <summary>The visiting member: the digest is a member's, staff and auditors have none (403).</summary>
    public static SpaceMember MemberOf(CohortSpace? space, Visitor visitor) =>
        VisitSpaceHandler.Decide(space, visitor).Member
            ?? throw new ForbiddenException("Le résumé quotidien est envoyé aux participant·es de l'édition : l'équipe du programme n'en reçoit pas.");
}

internal static class DigestSubscriptionEndpoints
{
    /// <summary>What the API's PUT carries: the choice only.</summary>
    public sealed record DigestChoiceBody(bool? Receives);

    public static IEndpointRouteBuilder MapDigestSubscription(this IEndpointRouteBuilder community)
    {
        community.MapGet("/spaces/{cohortId:guid}/notifications", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<DigestChoice>(new GetDigestSubscription(cohortId, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetDigestSubscription))
            .WithSummary("Le choix du membre pour le résumé quotidien de l'espace")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        community.MapPut("/spaces/{cohortId:guid}/notifications", async (
                Guid cohortId, DigestChoiceBody body, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<DigestChoice>(new ChangeDigestSubscription(cohortId, Visitor.Of(http.User), body.Receives), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(ChangeDigestSubscription))
            .WithSummary("Recevoir ou ne plus recevoir le résumé quotidien de l'espace")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return community;
    }
}

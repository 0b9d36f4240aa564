using Achats.Audit.Contracts;
using Achats.Audit.Replay;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Audit.Erasure;

internal sealed class ErasePersonValidator : AbstractValidator<ErasePerson>
{
    public ErasePersonValidator()
    {
        RuleFor(command => command.EnrolmentId).NotEmpty().WithMessage("Précisez l'inscription de la personne à effacer.");
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif de l'effacement est obligatoire.")
            .MaximumLength(2000).WithMessage("Le motif ne dépasse pas 2 000 caractères.");
    }
}

/// <summary>Staff erase a person at their request (RGPD art. 17), with the reason; the erasure's record answers.</summary>
public static class ErasePersonHandler
{
    public static async Task<ErasureRecord> Handle(
        ErasePerson command, IDocumentSession session, IMessageContext context, Snapshots snapshots, IEnumerable<ISentEmails> sentEmails, TimeProvider time,
        CancellationToken cancellationToken) =>
        await PersonErasure.EraseAsync(session, await PersonErasure.BeginAsync(session, cancellationToken), snapshots, sentEmails, command.EnrolmentId, command.Reason.Trim(), context.UserName ?? Actor.System.ToString(),
            time.GetUtcNow(), cancellationToken)
        ?? throw new NotFoundException("Cette inscription n'existe pas.");
}

/// <summary>The latest erasure an enrolment went through, or null.</summary>
public static class GetErasureHandler
{
    public static async Task<ErasureRecord?> Handle(GetErasure query, IQuerySession session, CancellationToken cancellationToken) =>
        (await session.Query<ErasureRecord>().Where(erasure => erasure.EnrolmentIds.Contains(query.EnrolmentId))
            .OrderByDescending(erasure => erasure.ErasedAt).Take(1).ToListAsync(cancellationToken)).FirstOrDefault();
}

internal static class ErasePersonEndpoint
{
    public static RouteHandlerBuilder MapErasePerson(this IEndpointRouteBuilder audit) =>
        audit.MapPost("/erasures", async (ErasePerson command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ErasureRecord>(command, cancellationToken)))
            .RequireAuthorization(policy => policy.RequireRole(StaffRole.ProgrammeStaff, StaffRole.Administrator))
            .WithName(nameof(ErasePerson))
            .WithSummary("Effacer une personne (RGPD, article 17)")
            .WithDescription("Rend illisibles partout les données personnelles de la personne d'une inscription (et de ses autres inscriptions), "
                + "avec un motif ; l'historique garde sa forme et sa chaîne d'intégrité.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}

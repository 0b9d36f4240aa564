using Achats.Shared.Access;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace Achats.Shared.Messaging;

/// <summary>
/// The one mechanism that records who acts. Before every handler, the actor (the caller of the current
/// request, else the one the message carries, else the system) is put on the message context, so every
/// message it causes carries it, and on the Marten session, which writes it on every event as the user
/// name beside the correlation id (ADR 0009).
/// </summary>
public static class ActorRelay
{
    // HttpContextAccessor keeps the current request in an AsyncLocal: any instance sees it, once the
    // Host registers the accessor (AddHttpContextAccessor) so that ASP.NET Core fills it.
    private static readonly HttpContextAccessor Request = new();

    public static WolverineOptions RecordActors(this WolverineOptions options)
    {
        options.EnableRelayOfUserName = true;
        options.Policies.Add<RecordActorPolicy>();
        return options;
    }

    /// <summary>Called before each handler, after its session is opened.</summary>
    public static void Record(IMessageContext context, IDocumentSession session)
    {
        var actor = context.Envelope?.UserName
            ?? (Request.HttpContext?.User is { Identity.IsAuthenticated: true } caller ? Actor.Of(caller).ToString() : null)
            ?? context.UserName
            ?? Actor.System.ToString();
        context.UserName = actor;
        session.LastModifiedBy = actor;
    }

    /// <summary>
    /// A handler that knows better who acts than the caller does (whoever holds a participant's link or session is that
    /// participant): its events, and the messages it causes, record <paramref name="actor"/>.
    /// </summary>
    public static void ActAs(IMessageContext context, IDocumentSession session, Actor actor)
    {
        var recorded = actor.ToString();
        context.UserName = recorded;
        session.LastModifiedBy = recorded;
    }

    private static bool OnlyReads(HandlerChain chain) =>
        chain.Handlers.SelectMany(handler => handler.Method.GetParameters()).Any(parameter => parameter.ParameterType == typeof(IQuerySession));

    private sealed class RecordActorPolicy : IHandlerPolicy
    {
        public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
        {
            // A handler that only reads (it asks for an IQuerySession) writes no event: it needs no actor.
            foreach (var chain in chains.Where(chain => !OnlyReads(chain)))
            {
                chain.Middleware.Insert(0, new MethodCall(typeof(ActorRelay), nameof(Record)));
            }
        }
    }
}

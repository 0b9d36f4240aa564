using JasperFx;
using JasperFx.Core;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Shared.Messaging;

/// <summary>What a handler does when another write to the same stream committed first.</summary>
public static class ConcurrentWrites
{
    /// <summary>
    /// For messages handled in the background (no caller waits on a version): run again on the fresh
    /// stream, after a short pause, a few times. Staff commands carry their version and get a 409 instead.
    /// </summary>
    public static void RetryOnConcurrentAppend(this HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 200.Milliseconds(), 1.Seconds(), 5.Seconds());
}

using JasperFx.Core;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Shared.Messaging;

/// <summary>
/// A message that depends on another one the module has not handled yet: durable queues keep no order
/// between different messages, so the later one may come first.
/// </summary>
public class EarlierMessageNotYetHandled(string message) : Exception(message);

public static class EarlierMessages
{
    /// <summary>Wait for the earlier message: run again after a pause, longer each time, before giving up to the dead letters.</summary>
    public static void WaitForEarlierMessages(this HandlerChain chain) =>
        chain.OnException<EarlierMessageNotYetHandled>().RetryWithCooldown(100.Milliseconds(), 1.Seconds(), 5.Seconds(), 30.Seconds());
}

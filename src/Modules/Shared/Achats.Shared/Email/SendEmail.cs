using JasperFx.Core;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Shared.Email;

/// <summary>
/// An email to send, in French: plain text, and the same words as HTML when it was composed from a template
/// (<see cref="EmailTemplate"/>). Modules cascade it from the handler that decides it, so it is stored in the same
/// transaction (Wolverine's outbox) and sent from a durable queue: never lost.
/// </summary>
public sealed record SendEmail(
    string To,
    string ToName,
    string Subject,
    string Text,
    string? Html = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A text file joined to an email, such as an <c>.ics</c> calendar entry.</summary>
public sealed record EmailAttachment(string FileName, string MediaType, string Content);

/// <summary>Where emails go: an SMTP server, or a folder of .eml files when none is configured.</summary>
public interface IEmailSender
{
    Task SendAsync(SendEmail email, CancellationToken cancellationToken);
}

public static class SendEmailHandler
{
    /// <summary>A mail server that is down is waited for: quick retries, then later ones; what still fails is kept, dead-lettered.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException()
            .RetryWithCooldown(1.Seconds(), 5.Seconds(), 30.Seconds())
            .Then.ScheduleRetry(5.Minutes(), 30.Minutes(), 2.Hours(), 12.Hours());

    public static Task Handle(SendEmail email, IEmailSender sender, CancellationToken cancellationToken) =>
        sender.SendAsync(email, cancellationToken);
}

namespace Achats.Shared.Email;

/// <summary>
/// The emails kept once sent, where the sender keeps them (the folder of .eml files; a mail server keeps none here):
/// a person's erasure removes the messages to or about them (ADR 0061).
/// </summary>
public interface ISentEmails
{
    /// <summary>Removes every kept message whose recipients, subject, text or attachments <paramref name="isAbout"/> says are the person's; how many.</summary>
    Task<int> ForgetAsync(Func<string, bool> isAbout, CancellationToken cancellationToken);
}

using Achats.Catalogue.Solutions;
using Achats.Shared.Access;

namespace Achats.Catalogue.Submission;

/// <summary>
/// A submission waiting for its contact to confirm their address (ADR 0049): a document, not an event, kept under the
/// hash of the emailed link's token (<see cref="SigningToken"/>) until it is confirmed or <see cref="Lifetime"/> passes;
/// then nothing of it is kept. The solution's id is chosen now, so that two confirmations cannot start two solutions.
/// </summary>
public sealed record PendingSubmission(string Id, Guid SolutionId, string Email, SolutionContent Content, DateTimeOffset SubmittedAt, DateTimeOffset ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>At most this many submissions wait for confirmation per contact address sent in an hour: the form cannot flood an inbox.</summary>
    public const int PerAddressPerHour = 3;

    public static (string Token, PendingSubmission Pending) Start(SolutionContent content, DateTimeOffset now)
    {
        var (token, hash) = SigningToken.New();
        return (token, new PendingSubmission(hash, Guid.CreateVersion7(), Normalise(content.Contact.Email), content, now, now + Lifetime));
    }

    public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>Addresses are counted trimmed and lower-cased.</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The page the emailed link opens.</summary>
    public static string ConfirmPath(string token) => $"/catalogue/confirmer/{token}";
}

/// <summary>The contact, as the actor of what they do through their emailed links (ADR 0009): by their address.</summary>
public static class SupplierActor
{
    public const string Kind = "supplier";

    public static Actor Of(SupplierContact contact) => new(Kind, PendingSubmission.Normalise(contact.Email), null, null, contact.Name);
}

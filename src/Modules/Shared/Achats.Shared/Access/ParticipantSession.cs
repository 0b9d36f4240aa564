namespace Achats.Shared.Access;

/// <summary>
/// A participant signed in through the single-use link emailed on request from their own page
/// (<see cref="SignInPath"/>): a cookie of its own scheme, apart from staff sessions, that names the email address
/// the link was sent to. Every module's participant pages require <see cref="Policies.Participant"/> and read
/// <see cref="EmailClaim"/>; only what belongs to that address is shown.
/// </summary>
public static class ParticipantSession
{
    public const string Scheme = "Participant";

    /// <summary>The address, lower-cased, the sign-in link was sent to.</summary>
    public const string EmailClaim = "achats:participant-email";

    /// <summary>The participant's own page, where a sign-in link is asked for.</summary>
    public const string SignInPath = "/mon-inscription";
}

namespace Achats.Enrolment.Privacy;

/// <summary>
/// The privacy notice (RGPD articles 13 and 15–21) on <c>/confidentialite</c>. Its version is recorded with each
/// pre-registration as the one the participant accepted: change it whenever the notice's words change.
/// </summary>
public static class PrivacyNotice
{
    public const string Version = "2026-12";
}

namespace Achats.Enrolment.Contracts;

/// <summary>
/// Staff validated a pre-registration: the participant must now sign the cohort's commitment charter.
/// Charter answers with <c>CharterSigned</c>, which admits the participant.
/// </summary>
public sealed record PreRegistrationValidated(
    Guid EnrolmentId,
    Guid CohortId,
    string FirstName,
    string LastName,
    string Email,
    string JobTitle,
    string OrganisationName)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.pre-registration-validated.v1";
}

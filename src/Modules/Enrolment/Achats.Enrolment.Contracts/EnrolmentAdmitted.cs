namespace Achats.Enrolment.Contracts;

/// <summary>
/// A participant was admitted to a whole cohort: validated by staff and charter signed.
/// <paramref name="Profile"/> is one of Prescriber, PublicBuyer, PrivateBuyer, ElectedOfficial, CsrOfficer;
/// <paramref name="OrganisationKind"/> one of CommuneEptOrMetropole, OtherPublicBody, PrivateCompany,
/// AssociationOrSocialEnterprise, Other.
/// </summary>
public sealed record EnrolmentAdmitted(
    Guid EnrolmentId,
    Guid CohortId,
    string FirstName,
    string LastName,
    string Email,
    string Profile,
    string OrganisationName,
    string OrganisationKind,
    string? Siren,
    Guid? PairedWithEnrolmentId,
    DateTimeOffset AdmittedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.admitted.v1";
}

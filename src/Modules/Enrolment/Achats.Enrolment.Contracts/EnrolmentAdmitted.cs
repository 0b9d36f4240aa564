namespace Achats.Enrolment.Contracts;

/// <summary>
/// A participant was admitted to a whole cohort: validated by staff and charter signed.
/// <paramref name="Profile"/> is one of Prescriber, PublicBuyer, PrivateBuyer, ElectedOfficial, CsrOfficer;
/// <paramref name="OrganisationKind"/> one of CommuneEptOrMetropole, OtherPublicBody, PrivateCompany,
/// AssociationOrSocialEnterprise, Other. <paramref name="Project"/>: the purchasing project named at
/// pre-registration (or joined from a colleague), if any.
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
    DateTimeOffset AdmittedAt,
    AdmittedProject? Project = null)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.admitted.v1";
}

/// <summary>
/// A purchasing project as the participant named it at pre-registration. <paramref name="Category"/> is a
/// purchase category name (ConstructionAndPublicWorks, Catering...); <paramref name="Themes"/> Circular and/or Solidarity;
/// <paramref name="Milestone"/> NeedExpressed, ConsultationPublished, ContractAwarded or UnderWay, when the participant said.
/// The same <paramref name="ProjectId"/> for colleagues who work on one project.
/// </summary>
public readonly record struct AdmittedProject(
    Guid ProjectId, string Title, string Category, IReadOnlyList<string> Themes, DateOnly? ExpectedProcedureOn = null, string? Milestone = null);

namespace Achats.Shared.Access;

/// <summary>
/// The names of the access policies every endpoint chooses from (the Access module defines what each requires).
/// An endpoint names one of these or allows anonymous calls explicitly; one that names nothing falls
/// back to "signed-in staff", so a forgotten endpoint stays closed.
/// </summary>
public static class Policies
{
    /// <summary>Administrators: staff accounts and partner keys.</summary>
    public const string ManageAccess = nameof(ManageAccess);

    /// <summary>Any signed-in staff member, whatever their role: their own account.</summary>
    public const string AnyStaff = nameof(AnyStaff);

    /// <summary>Programme staff: change the programme (plan cohorts, validate enrolments...).</summary>
    public const string RunProgramme = nameof(RunProgramme);

    /// <summary>Programme staff and auditors: read the programme.</summary>
    public const string ReadProgramme = nameof(ReadProgramme);

    /// <summary>
    /// A staff page that shows the programme and takes decisions: programme staff and auditors read it (GET),
    /// only programme staff post its forms, as the API's <see cref="RunProgramme"/> endpoints require.
    /// </summary>
    public const string ReadProgrammeDecideOnPost = nameof(ReadProgrammeDecideOnPost);

    /// <summary>A participant signed in through an emailed link (<see cref="ParticipantSession"/>): their own enrolments only.</summary>
    public const string Participant = nameof(Participant);

    /// <summary>
    /// The participants' spaces: a participant signed in through an emailed link, or programme staff and auditors. Which
    /// space they may enter (a member of that cohort, or staff) is the space's own check, on every request.
    /// </summary>
    public const string SpaceVisitor = nameof(SpaceVisitor);

    /// <summary>Any partner, with a valid API key whatever its scopes.</summary>
    public const string Partner = nameof(Partner);

    /// <summary>A partner key with the scope <see cref="PartnerScope.AttestMemberships"/>.</summary>
    public const string PartnerAttestsMemberships = nameof(PartnerAttestsMemberships);

    /// <summary>A partner key with the scope <see cref="PartnerScope.ReadAttestations"/>.</summary>
    public const string PartnerReadsAttestations = nameof(PartnerReadsAttestations);

    /// <summary>A partner key with the scope <see cref="PartnerScope.ReadEnrolmentStatus"/>.</summary>
    public const string PartnerReadsEnrolmentStatus = nameof(PartnerReadsEnrolmentStatus);

    /// <summary>A partner key with the scope <see cref="PartnerScope.ReadCatalogue"/>.</summary>
    public const string PartnerReadsCatalogue = nameof(PartnerReadsCatalogue);
}

/// <summary>What a partner API key may do; a key carries one or more.</summary>
public static class PartnerScope
{
    public const string AttestMemberships = "memberships:attest";
    public const string ReadAttestations = "memberships:read";
    public const string ReadEnrolmentStatus = "enrolments:read";
    public const string ReadCatalogue = "catalogue:read";

    public static readonly IReadOnlyList<string> All = [AttestMemberships, ReadAttestations, ReadEnrolmentStatus, ReadCatalogue];
}

/// <summary>The claims Access puts on an authenticated caller, for endpoints that need to know who acts.</summary>
public static class AccessClaims
{
    public const string Organisation = "achats:organisation";
    public const string Partner = "achats:partner";
    public const string Scope = "achats:scope";
}

/// <summary>The roles of programme staff.</summary>
public static class StaffRole
{
    /// <summary>Manages staff accounts and partner keys.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Runs the programme for one organising structure.</summary>
    public const string ProgrammeStaff = nameof(ProgrammeStaff);

    /// <summary>Reads everything, changes nothing, replays the history.</summary>
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All = [Administrator, ProgrammeStaff, Auditor];

    /// <summary>The role as a page names it: « Administration », « Équipe du programme », « Audit ».</summary>
    public static string Name(string role) => RoleTexts.ResourceManager.GetString(role, RoleTexts.Culture) ?? role;
}

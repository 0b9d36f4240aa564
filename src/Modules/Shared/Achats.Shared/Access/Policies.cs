namespace Achats.Shared.Access;

/// <summary>
/// The names of the access policies every endpoint chooses from (the Host defines what each requires).
/// An endpoint names one of these or allows anonymous calls explicitly; one that names nothing falls
/// back to "signed-in staff", so a forgotten endpoint stays closed.
/// </summary>
public static class Policies
{
    /// <summary>Administrators: staff accounts and partner keys.</summary>
    public const string ManageAccess = nameof(ManageAccess);

    /// <summary>Programme staff: change the programme (plan cohorts, validate enrolments...).</summary>
    public const string RunProgramme = nameof(RunProgramme);

    /// <summary>Programme staff and auditors: read the programme.</summary>
    public const string ReadProgramme = nameof(ReadProgramme);
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
}

namespace Achats.Cohorts.Contracts;

// What another module (the participants' space) may ask of Cohorts about a participant's own purchasing projects:
// Cohorts owns the projects, decides and validates; the asker only says whose enrolment acts, having checked it.

/// <summary>A participant declares a purchasing project of their own (their binôme's too), for <paramref name="EnrolmentId"/>.</summary>
public sealed record DeclareOwnProject(
    Guid CohortId,
    Guid EnrolmentId,
    string Title,
    PurchaseCategory? Category,
    IReadOnlyList<Theme>? Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone? Milestone,
    string? Notes)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.declare-own-project.v1";
}

/// <summary>A participant updates a project they carry, at the <paramref name="Version"/> they read (a stale one is refused, 409).</summary>
public sealed record UpdateOwnProject(
    Guid CohortId,
    Guid EnrolmentId,
    Guid ProjectId,
    int Version,
    string Title,
    PurchaseCategory? Category,
    IReadOnlyList<Theme>? Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone? Milestone,
    string? Notes)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.update-own-project.v1";
}

/// <summary>What declaring or updating one's own project answers: the project and the version it is now at.</summary>
public sealed record OwnProjectSaved(Guid ProjectId, int Version)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.own-project-saved.v1";
}

/// <summary>The purchasing projects <paramref name="EnrolmentId"/> carries in the cohort, alone or with their binôme.</summary>
public sealed record GetOwnProjects(Guid CohortId, Guid EnrolmentId)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.get-own-projects.v1";
}

/// <summary>The answer to <see cref="GetOwnProjects"/>, oldest first.</summary>
public sealed record OwnProjects(IReadOnlyList<OwnProject> Projects)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.own-projects.v1";
}

/// <summary>One project as its carrier reads it, at <paramref name="Version"/> (to send back with an update).</summary>
public sealed record OwnProject(
    Guid ProjectId,
    int Version,
    string Title,
    PurchaseCategory Category,
    IReadOnlyList<Theme> Themes,
    DateOnly? ExpectedProcedureOn,
    Milestone Milestone,
    string? Notes,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.own-project.v1";
}

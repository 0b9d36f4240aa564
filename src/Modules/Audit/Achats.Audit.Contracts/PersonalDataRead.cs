namespace Achats.Audit.Contracts;

/// <summary>
/// Someone read a person's data (an enrolment's page, its timeline, a cohort's audit view or export): Audit keeps the
/// record for administrators. <paramref name="Actor"/> is who read, as events record it (<c>kind:id:role:organisation:name</c>);
/// <paramref name="What"/> one of <see cref="PersonalDataReads"/>; <paramref name="SubjectId"/> the enrolment or cohort read.
/// </summary>
public sealed record PersonalDataRead(string Actor, string What, Guid SubjectId, DateTimeOffset At)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "audit.personal-data-read.v1";
}

/// <summary>What was read: the values of <see cref="PersonalDataRead.What"/>.</summary>
public static class PersonalDataReads
{
    public const string EnrolmentPage = "enrolment-page";
    public const string EnrolmentTimeline = "enrolment-timeline";
    public const string CohortAudit = "cohort-audit";
    public const string CohortExport = "cohort-export";

    public static readonly IReadOnlyList<string> All = [EnrolmentPage, EnrolmentTimeline, CohortAudit, CohortExport];
}

namespace Achats.Enrolment.Contracts;

/// <summary>Staff paired two colleagues of one organisation in a cohort (binôme), whatever stage their enrolments are at.</summary>
public sealed record PairDeclared(Guid CohortId, Guid EnrolmentId, Guid ColleagueEnrolmentId)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.pair-declared.v1";
}

/// <summary>
/// Staff undid a pair, for the reason given. (A pair also ends when one of its enrolments is withdrawn:
/// <see cref="EnrolmentWithdrawn"/> says so.)
/// </summary>
public sealed record PairDissolved(Guid CohortId, Guid EnrolmentId, Guid ColleagueEnrolmentId, string Reason)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.pair-dissolved.v1";
}

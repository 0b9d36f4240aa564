namespace Achats.Enrolment.Contracts;

/// <summary>An enrolment ended before or after admission: withdrawn by the participant or by staff, or replaced by a colleague.</summary>
public sealed record EnrolmentWithdrawn(
    Guid EnrolmentId,
    Guid CohortId,
    string Reason,
    bool WasAdmitted,
    Guid? ReplacedByEnrolmentId,
    DateTimeOffset WithdrawnAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.withdrawn.v1";
}

namespace Achats.Audit.Contracts;

/// <summary>
/// Erase a person (RGPD art. 17), named by one of their enrolments, with the reason: their personal data becomes
/// unreadable everywhere it was copied, while the history keeps its shape (ADR 0061). Programme staff and administrators.
/// </summary>
public sealed record ErasePerson(Guid EnrolmentId, string Reason)
{
    public const string MessageName = "audit.erase-person.v1";
}

/// <summary>The record of an erasure: who, when, why, which enrolments. Nothing personal in it.</summary>
public sealed record ErasureRecord(Guid Id, IReadOnlyList<Guid> EnrolmentIds, string Reason, string ErasedBy, DateTimeOffset ErasedAt)
{
    public const string MessageName = "audit.erasure-record.v1";
}

/// <summary>The erasure an enrolment went through, or null.</summary>
public sealed record GetErasure(Guid EnrolmentId)
{
    public const string MessageName = "audit.get-erasure.v1";
}

using Achats.Enrolment.Eligibility;
using Achats.Shared.Http;
using Achats.Shared.Replay;
using Achats.Shared.Validation;
using JasperFx.Events;
using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// One participant's path into one cohort, as its events tell it. Kept inline as a document too, so
/// staff lists and the duplicate checks read it in the same transaction that wrote it.
/// </summary>
[ReplayedAs("inscription", "inscriptions", "Reference")]
public sealed record EnrolmentFile(
    Guid Id,
    Guid CohortId,
    Participant Participant,
    Organisation Organisation,
    IReadOnlyList<Membership> DeclaredMemberships,
    PurchasingProject? Project,
    EnrolmentStatus Status,
    DateTimeOffset SubmittedAt,
    Guid? Replaces)
{
    /// <summary>The stream version: staff send it back with a decision, so one taken on stale information is refused.</summary>
    public int Version { get; set; }

    /// <summary>The short reference people quote, such as ACH-2026-00042 (none on enrolments older than references).</summary>
    public string? Reference { get; init; }

    /// <summary>The version of the privacy notice the participant accepted (unknown on older enrolments).</summary>
    public string? PrivacyNoticeVersion { get; init; }

    public EligibilityDecision? Eligibility { get; init; }

    public EligibilityOverridden? Override { get; init; }

    /// <summary>What counts: the override when staff made one, else the decision.</summary>
    public EligibilityOutcome? EffectiveEligibility { get; init; }

    /// <summary>The question, rejection or withdrawal reason the participant is told.</summary>
    public string? StatusReason { get; init; }

    public Guid? PairedWith { get; init; }

    public Guid? ReplacedBy { get; init; }

    /// <summary>When staff validated it: how long the charter signature has been awaited.</summary>
    public DateTimeOffset? ValidatedAt { get; init; }

    /// <summary>The participant's latest answer to a request for information, shown to staff (ADR 0045).</summary>
    public InformationAnswer? LastAnswer { get; init; }

    /// <summary>The colleague the participant proposed as binôme, until staff declare a pair.</summary>
    public PairProposed? PairProposal { get; init; }

    public bool IsOpen => Status is not (EnrolmentStatus.Rejected or EnrolmentStatus.Withdrawn);

    public static EnrolmentFile Create(PreRegistrationSubmitted submitted) => new(
        submitted.EnrolmentId,
        submitted.CohortId,
        submitted.Participant,
        submitted.Organisation,
        submitted.DeclaredMemberships,
        submitted.Project,
        EnrolmentStatus.PreRegistered,
        submitted.SubmittedAt,
        submitted.Replaces)
    {
        Reference = submitted.Reference,
        PrivacyNoticeVersion = submitted.PrivacyNoticeVersion,
    };

    public EnrolmentFile Apply(EligibilityAssessed assessed) =>
        this with { Eligibility = assessed.Decision, EffectiveEligibility = Effective(assessed.Decision, Override) };

    public EnrolmentFile Apply(EligibilityOverridden overridden) =>
        this with { Override = overridden, EffectiveEligibility = Effective(Eligibility, overridden) };

    public EnrolmentFile Apply(InformationRequested requested) =>
        this with { Status = EnrolmentStatus.InformationRequested, StatusReason = requested.Question };

    public EnrolmentFile Apply(IEvent<PreRegistrationValidated> validated) =>
        this with { Status = EnrolmentStatus.Validated, StatusReason = null, ValidatedAt = AsStored(validated.Timestamp) };

    public EnrolmentFile Apply(PreRegistrationRejected rejected) =>
        this with { Status = EnrolmentStatus.Rejected, StatusReason = rejected.Reason };

    public EnrolmentFile Apply(EnrolmentAdmitted admitted) => this with { Status = EnrolmentStatus.Admitted };

    public EnrolmentFile Apply(EnrolmentWithdrawn withdrawn) =>
        this with { Status = EnrolmentStatus.Withdrawn, StatusReason = withdrawn.Reason };

    public EnrolmentFile Apply(ParticipantReplaced replaced) => this with
    {
        Status = EnrolmentStatus.Withdrawn,
        StatusReason = replaced.Reason,
        ReplacedBy = replaced.ReplacementEnrolmentId,
    };

    public EnrolmentFile Apply(PairDeclared declared) => this with { PairedWith = declared.ColleagueEnrolmentId, PairProposal = null };

    public EnrolmentFile Apply(PairDissolved dissolved) => this with { PairedWith = null };

    public EnrolmentFile Apply(PurchasingProjectJoined joined) => this with { Project = joined.Project };

    public EnrolmentFile Apply(IEvent<InformationRequestAnswered> answered) => this with
    {
        Status = EnrolmentStatus.PreRegistered,
        StatusReason = null,
        LastAnswer = new InformationAnswer(answered.Data.Question, answered.Data.Answer, AsStored(answered.Timestamp)),
    };

    public EnrolmentFile Apply(ParticipantDetailsCorrected corrected) =>
        this with { Participant = Participant with { JobTitle = corrected.JobTitle, Phone = corrected.Phone } };

    public EnrolmentFile Apply(OrganisationCorrected corrected) => this with
    {
        Organisation = Organisation with { Name = corrected.Name, Siren = corrected.Siren, CommuneInseeCode = corrected.CommuneInseeCode },
    };

    public EnrolmentFile Apply(PurchasingProjectUpdated updated) => this with { Project = updated.Project };

    public EnrolmentFile Apply(PairProposed proposed) => this with { PairProposal = proposed };

    /// <summary>Eligible for validation: free by the rules, or made free by staff.</summary>
    public bool IsEligible => EffectiveEligibility == EligibilityOutcome.Free;

    // What the staff list searches and sorts on, folded (lowercase, no accents): computed, so written with the
    // document and never read back (a document stored before they existed loads all the same); Marten keeps each
    // in a column of its own (EnrolmentModule), which the list filters and sorts on.

    /// <summary>Name, email, organisation, SIREN and reference, folded: "eloise" finds "Éloïse".</summary>
    public string SearchText => TextFolding.Fold(
        $"{Participant.FirstName} {Participant.LastName} {Participant.Email} {Organisation.Name} {Organisation.Siren} {Reference}");

    /// <summary>The participant's last then first name, folded: the list sorts "Éloïse" beside "Eloi".</summary>
    public string SortName => TextFolding.Fold($"{Participant.LastName} {Participant.FirstName}");

    /// <summary>The organisation's name, folded.</summary>
    public string SortOrganisation => TextFolding.Fold(Organisation.Name);

    /// <summary>The status's place in the pipeline (statuses are stored by name, which sorts in English).</summary>
    public int StatusRank => (int)Status;

    /// <summary>
    /// An event's timestamp as PostgreSQL keeps it (microseconds, the tenth truncated): the snapshot written inline
    /// then equals the one the replay folds from the stored events (ADR 0059).
    /// </summary>
    private static DateTimeOffset AsStored(DateTimeOffset timestamp) => timestamp.AddTicks(-(timestamp.Ticks % 10));

    private static EligibilityOutcome? Effective(EligibilityDecision? decision, EligibilityOverridden? overridden) =>
        overridden is null
            ? decision?.Outcome
            : overridden.Free ? EligibilityOutcome.Free : EligibilityOutcome.MembershipRequired;
}

/// <summary>
/// The enrolment a command decides on, loaded by Wolverine's aggregate handler workflow: fetched for writing
/// with the command's <c>Version</c> when it has one (409 when stale), 404 when there is none.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class WriteEnrolmentAttribute : WriteAggregateAttribute
{
    /// <summary>Every command on an enrolment names it <c>EnrolmentId</c>.</summary>
    public WriteEnrolmentAttribute() : base("EnrolmentId")
    {
        OnMissing = OnMissing.ThrowException;
        MissingMessage = EnrolmentStreams.NotFound;
    }
}

/// <summary>
/// Loading another enrolment than the one a command names (a colleague's, each of an organisation's): the
/// aggregate workflow loads one stream per command, these handlers write several.
/// </summary>
internal static class EnrolmentStreams
{
    public const string NotFound = "Aucune inscription n'a l'identifiant {Id}.";

    public static async Task<(IEventStream<EnrolmentFile> Stream, EnrolmentFile File)> FetchForWritingAsync(
        this IDocumentSession session, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<EnrolmentFile>(enrolmentId, cancellationToken);
        return stream.Aggregate is { } enrolment
            ? (stream, enrolment)
            : throw new NotFoundException(NotFound.Replace("{Id}", enrolmentId.ToString(), StringComparison.Ordinal));
    }

    /// <summary>What a decision answers: the version the enrolment will be at once its events are committed.</summary>
    public static EnrolmentChanged Changed(this EnrolmentFile enrolment, IReadOnlyCollection<object> events) =>
        new(enrolment.Id, enrolment.Version + events.Count);

    public static string Name(this Participant participant) => $"{participant.FirstName} {participant.LastName}";
}

/// <summary>A question staff asked and the participant's answer to it.</summary>
public sealed record InformationAnswer(string Question, string Answer, DateTimeOffset AnsweredAt);

/// <summary>What a staff decision answers: the enrolment and the version to send with the next decision.</summary>
public sealed record EnrolmentChanged(Guid EnrolmentId, int Version);

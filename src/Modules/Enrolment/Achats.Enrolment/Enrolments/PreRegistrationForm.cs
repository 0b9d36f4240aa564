using Achats.Cohorts.Contracts;
using Achats.Enrolment.Eligibility;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// The pre-registration form as a person filled it in (kept as typed when refused), its fields named as
/// in the JSON request, and the <see cref="SubmitPreRegistration"/> it makes.
/// </summary>
public sealed class PreRegistrationForm
{
    public string? CohortId { get; set; }

    public string? IdempotencyKey { get; set; }

    public ParticipantFields? Participant { get; set; }

    public OrganisationFields? Organisation { get; set; }

    public List<string>? DeclaredMemberships { get; set; }

    public ProjectFields? Project { get; set; }

    public bool PromotesOwnSolution { get; set; }

    public bool ConsentToDataProcessing { get; set; }

    public sealed class ParticipantFields
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? JobTitle { get; set; }

        public string? Profile { get; set; }
    }

    public sealed class OrganisationFields
    {
        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? Siren { get; set; }

        public string? CommuneInseeCode { get; set; }
    }

    public sealed class ProjectFields
    {
        public string? Title { get; set; }

        public string? Category { get; set; }

        public List<string>? Themes { get; set; }

        /// <summary>As a date field sends it: yyyy-MM-dd.</summary>
        public string? ExpectedProcedureOn { get; set; }

        public string? Milestone { get; set; }
    }

    /// <summary>The form with every group present: a post may leave any of them out.</summary>
    public PreRegistrationForm Complete()
    {
        Participant ??= new ParticipantFields();
        Organisation ??= new OrganisationFields();
        Project ??= new ProjectFields();
        Project.Themes ??= [];
        DeclaredMemberships ??= [];
        return this;
    }

    public SubmitPreRegistration ToCommand()
    {
        var (participant, organisation, project) = (Participant ?? new(), Organisation ?? new(), Project ?? new());
        var themes = project.Themes ?? [];
        var projectGiven = Given(project.Title) is not null || Given(project.Category) is not null || themes.Count > 0
            || Given(project.ExpectedProcedureOn) is not null || Given(project.Milestone) is not null;
        return new SubmitPreRegistration(
            Guid.TryParse(CohortId, out var cohortId) ? cohortId : Guid.Empty,
            new ParticipantDetails(Given(participant.FirstName)!, Given(participant.LastName)!, Given(participant.Email)!,
                Given(participant.Phone), Given(participant.JobTitle)!, Known<Profile>(participant.Profile)),
            new OrganisationDetails(Given(organisation.Name)!, Known<OrganisationKind>(organisation.Kind),
                Given(organisation.Siren), Given(organisation.CommuneInseeCode)),
            All<Membership>(DeclaredMemberships ?? []),
            projectGiven
                ? new PreRegistrationProject(Given(project.Title)!, Known<PurchaseCategory>(project.Category), All<Theme>(themes),
                    Date(project.ExpectedProcedureOn), Given(project.Milestone) is null ? null : Known<Milestone>(project.Milestone) ?? (Milestone)(-1))
                : null,
            ConsentToDataProcessing,
            PromotesOwnSolution)
        {
            IdempotencyKey = Given(IdempotencyKey),
        };
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A date no date field sends (a forged post) becomes one the validator refuses, never a crash.</summary>
    private static DateOnly? Date(string? text) => Given(text) is not { } given ? null
        : DateOnly.TryParseExact(given, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : default(DateOnly);

    /// <summary>A value no option offers (a forged post) becomes one the validator names as unknown, never a crash.</summary>
    private static List<TEnum> All<TEnum>(List<string> values) where TEnum : struct, Enum =>
        values.Where(value => !string.IsNullOrEmpty(value)).Select(value => Known<TEnum>(value) ?? (TEnum)Enum.ToObject(typeof(TEnum), -1)).ToList();

    private static TEnum? Known<TEnum>(string? text) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;
}

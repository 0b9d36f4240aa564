using System.Text.Json.Serialization;
using Achats.Cohorts.Contracts;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Memberships;
using Achats.Enrolment.OpenCohorts;
using Achats.Enrolment.Privacy;
using Achats.Shared.Email;
using Achats.Shared.France;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation.Results;
using FluentValidation;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>A participant pre-registers for a cohort open for registration: the public form.</summary>
public sealed record SubmitPreRegistration(
    Guid CohortId,
    ParticipantDetails? Participant,
    OrganisationDetails? Organisation,
    IReadOnlyList<Membership>? DeclaredMemberships,
    PreRegistrationProject? Project,
    bool ConsentToDataProcessing,
    bool PromotesOwnSolution)
{
    /// <summary>From the <c>Idempotency-Key</c> header: a retry with the same key gets the first answer again.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }
}

public sealed record ParticipantDetails(string FirstName, string LastName, string Email, string? Phone, string JobTitle, Profile? Profile)
{
    /// <summary>The participant as recorded, once the form is valid.</summary>
    public Participant ToParticipant() => new(FirstName.Trim(), LastName.Trim(), Email.Trim(),
        string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), JobTitle.Trim(), Profile!.Value);
}

public sealed record OrganisationDetails(string Name, OrganisationKind? Kind, string? Siren, string? CommuneInseeCode);

/// <summary>The purchasing project named at pre-registration: what it buys, its stakes, and if known when and how far.</summary>
public sealed record PreRegistrationProject(
    string Title, PurchaseCategory? Category, IReadOnlyList<Theme>? Themes, DateOnly? ExpectedProcedureOn = null, Milestone? Milestone = null);

/// <summary>
/// What the message answers its caller in the system: the enrolment recorded, or, when <see cref="AlreadyRegistered"/>,
/// the one the address already had in the cohort. The public form and API never show it (ADR 0043): they answer
/// <see cref="PreRegistrationAcknowledgement"/>, the same whichever it was.
/// </summary>
public sealed record PreRegistrationReceipt(
    Guid EnrolmentId,
    string? Reference,
    EnrolmentStatus Status,
    EligibilityOutcome Eligibility,
    IReadOnlyList<string> EligibilityReasons,
    bool AlreadyRegistered = false);

/// <summary>What the public form and API answer every accepted pre-registration, a new one or a repeated one alike.</summary>
public sealed record PreRegistrationAcknowledgement(string Message)
{
    public static PreRegistrationAcknowledgement Sent => new(PreRegistrationTexts.Acknowledged);
}

/// <summary>Holds a (cohort, email) pair so that one person pre-registers once per cohort, even when two posts race.</summary>
public sealed record Registrant(string Id, Guid EnrolmentId, string? IdempotencyKey, PreRegistrationReceipt Receipt)
{
    public static string IdOf(Guid cohortId, string email) => $"{cohortId:N}:{email.Trim().ToLowerInvariant()}";
}

/// <summary>
/// A pre-registration repeated for an address already in the cohort, told by email once a day at most, whatever
/// idempotency keys the posts carry: a retry, a reload or someone posting the form again and again sends no more.
/// </summary>
public sealed record RepeatedPreRegistration(string Id, DateTimeOffset At)
{
    public static string IdOf(Registrant registrant, DateOnly today) =>
        $"{registrant.Id}:{today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}

internal sealed class SubmitPreRegistrationValidator : AbstractValidator<SubmitPreRegistration>
{
    private static readonly OrganisationKind[] PublicBodies = [OrganisationKind.CommuneEptOrMetropole, OrganisationKind.OtherPublicBody];
    private static readonly OrganisationKind[] NeedSiren = [.. PublicBodies, OrganisationKind.PrivateCompany];

    public SubmitPreRegistrationValidator()
    {
        // A supplier is refused as such (422) whatever else they filled in.
        When(command => !command.PromotesOwnSolution, () =>
        {
            RuleFor(command => command.CohortId).NotEmpty().WithMessage("Choisissez l'édition à laquelle vous vous pré-inscrivez.");
            RuleFor(command => command.Participant).NotNull().WithMessage("Les informations sur le participant sont obligatoires.")
                .SetValidator(new ParticipantDetailsValidator()!);
            RuleFor(command => command.Organisation).NotNull().WithMessage("Les informations sur la structure sont obligatoires.")
                .SetValidator(new OrganisationValidator()!);
            RuleForEach(command => command.DeclaredMemberships).IsInEnum().WithMessage("Adhésion inconnue.");
            RuleFor(command => command.DeclaredMemberships)
                .Must(memberships => memberships!.Distinct().Count() == memberships!.Count)
                .When(command => command.DeclaredMemberships is not null)
                .WithMessage("Chaque adhésion ne se déclare qu'une fois.");
            RuleFor(command => command.Organisation!.Siren)
                .NotEmpty()
                .When(command => command.DeclaredMemberships is { Count: > 0 } && command.Organisation is not null)
                .WithMessage("Le SIREN est nécessaire pour que le partenaire atteste l'adhésion déclarée.");
            RuleFor(command => command.Project).SetValidator(new ProjectValidator()!).When(command => command.Project is not null);
            RuleFor(command => command.ConsentToDataProcessing).Equal(true)
                .WithMessage("Votre consentement au traitement de vos données personnelles est nécessaire pour vous pré-inscrire.");
            RuleFor(command => command.IdempotencyKey).MaximumLength(100)
                .WithMessage("L'en-tête Idempotency-Key ne doit pas dépasser 100 caractères.");
        });
    }

    private sealed class OrganisationValidator : AbstractValidator<OrganisationDetails>
    {
        public OrganisationValidator()
        {
            RuleFor(o => o.Name).NotEmpty().WithMessage("Le nom de la structure est obligatoire.")
                .MaximumLength(200).WithMessage("Le nom de la structure ne doit pas dépasser 200 caractères.");
            RuleFor(o => o.Kind).NotNull().WithMessage("Le type de structure est obligatoire.")
                .IsInEnum().WithMessage("Type de structure inconnu.");
            RuleFor(o => o.Siren).NotEmpty().When(o => o.Kind is { } kind && NeedSiren.Contains(kind))
                .WithMessage("Le SIREN est obligatoire pour une structure publique ou une entreprise.");
            RuleFor(o => o.Siren).Must(Siren.IsValid!).When(o => !string.IsNullOrEmpty(o.Siren))
                .WithMessage("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
            RuleFor(o => o.CommuneInseeCode).NotEmpty().When(o => o.Kind is { } kind && PublicBodies.Contains(kind))
                .WithMessage("Le code INSEE de la commune est obligatoire pour une structure publique.");
            RuleFor(o => o.CommuneInseeCode).Must(Communes.Exists!).When(o => !string.IsNullOrEmpty(o.CommuneInseeCode))
                .WithMessage("Ce code INSEE ne correspond à aucune commune.");
        }
    }

    private sealed class ProjectValidator : AbstractValidator<PreRegistrationProject>
    {
        public ProjectValidator()
        {
            RuleFor(p => p.Title).ProjectTitle();
            RuleFor(p => p.Category).ProjectCategory();
            RuleFor(p => p.Themes).ProjectThemes();
            RuleForEach(p => p.Themes).IsInEnum().WithMessage(ProjectRules.UnknownTheme);
            RuleFor(p => p.ExpectedProcedureOn).InclusiveBetween(new DateOnly(2020, 1, 1), new DateOnly(2040, 12, 31))
                .WithMessage("La date prévue de la procédure doit être comprise entre 2020 et 2040.");
            RuleFor(p => p.Milestone).IsInEnum().WithMessage("Étape inconnue.");
        }
    }
}

/// <summary>A purchasing project's title, category and themes: the rules of the form, and of the participant's own page.</summary>
internal static class ProjectRules
{
    public const string UnknownTheme = "Enjeu inconnu.";

    public static IRuleBuilderOptions<T, string> ProjectTitle<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Le titre du projet d'achat est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre du projet d'achat ne doit pas dépasser 200 caractères.");

    public static IRuleBuilderOptions<T, PurchaseCategory?> ProjectCategory<T>(this IRuleBuilder<T, PurchaseCategory?> rule) =>
        rule.NotNull().WithMessage("La catégorie d'achat est obligatoire.")
            .IsInEnum().WithMessage("Catégorie d'achat inconnue.");

    public static IRuleBuilderOptions<T, IReadOnlyList<Theme>?> ProjectThemes<T>(this IRuleBuilder<T, IReadOnlyList<Theme>?> rule) =>
        rule.NotEmpty().WithMessage("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.")
            .Must(themes => themes is null || themes.Count <= Enum.GetValues<Theme>().Length).WithMessage("Choisissez chaque enjeu une fois au plus.");
}

/// <summary>The participant's part of the form, also checked when a colleague replaces a participant.</summary>
internal sealed class ParticipantDetailsValidator : AbstractValidator<ParticipantDetails>
{
    public ParticipantDetailsValidator()
    {
        RuleFor(p => p.FirstName).NotEmpty().WithMessage("Le prénom est obligatoire.")
            .MaximumLength(100).WithMessage("Le prénom ne doit pas dépasser 100 caractères.");
        RuleFor(p => p.LastName).NotEmpty().WithMessage("Le nom est obligatoire.")
            .MaximumLength(100).WithMessage("Le nom ne doit pas dépasser 100 caractères.");
        RuleFor(p => p.Email).NotEmpty().WithMessage("L'adresse électronique professionnelle est obligatoire.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.")
            .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.");
        RuleFor(p => p.Phone).Matches(@"^\+?[0-9 .()-]{6,20}$").When(p => !string.IsNullOrEmpty(p.Phone))
            .WithMessage("Le numéro de téléphone n'est pas valide.");
        RuleFor(p => p.JobTitle).NotEmpty().WithMessage("La fonction est obligatoire.")
            .MaximumLength(120).WithMessage("La fonction ne doit pas dépasser 120 caractères.");
        RuleFor(p => p.Profile).NotNull().WithMessage("Le profil est obligatoire.")
            .IsInEnum().WithMessage("Profil inconnu.");
    }
}

public static class SubmitPreRegistrationHandler
{
    /// <summary>
    /// A post that lost a race on a key (the registrant, then the repeat's record) runs again and finds the winner's
    /// write: twice at most, as a first collision's retry can meet a second one among several identical posts.
    /// </summary>
    public static void Configure(HandlerChain chain) => chain.OnException<DocumentAlreadyExistsException>().RetryTimes(2);

    /// <summary>
    /// A new address is recorded and told so by email; an address already in the cohort is told that by email instead
    /// (the caller learns which, the public never does); a retry with the same idempotency key sends nothing again.
    /// </summary>
    public static async Task<(PreRegistrationReceipt, OutgoingMessages)> Handle(
        SubmitPreRegistration command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var site = PublicSite.From(configuration);
        EnsureBuyerNotSupplier(command, site);
        var cohort = await session.LoadAsync<OpenCohort>(command.CohortId, cancellationToken)
            ?? throw new ValidationException([new ValidationFailure(nameof(command.CohortId), "Cette édition n'existe pas.")]);
        var today = time.TodayInParis();
        var registrant = await session.LoadAsync<Registrant>(Registrant.IdOf(command.CohortId, command.Participant!.Email), cancellationToken);
        var repeatId = registrant is null ? null : RepeatedPreRegistration.IdOf(registrant, today);
        // A retry gets its first answer, even once registration has closed, and no second email.
        if (registrant is not null && (IsRetryOf(command, registrant) || await session.LoadAsync<RepeatedPreRegistration>(repeatId!, cancellationToken) is not null))
        {
            return (registrant.Receipt with { AlreadyRegistered = !IsRetryOf(command, registrant) }, []);
        }

        // Before the duplicate check, so that a closed window is said alike whether the address is known or not.
        EnsureRegistrationOpen(cohort, today);
        if (registrant is not null)
        {
            // Insert, not store: of two repeats racing on one day, the second fails on it and its retry sends nothing.
            session.Insert(new RepeatedPreRegistration(repeatId!, time.GetUtcNow()));
            // Written to the person recorded, by the name they gave: not by whatever name this post typed.
            var known = await session.LoadAsync<EnrolmentFile>(registrant.EnrolmentId, cancellationToken);
            var email = PreRegistrationEmails.AlreadyRegistered(known?.Participant ?? command.Participant.ToParticipant(), cohort, known?.Reference, site);
            return (registrant.Receipt with { AlreadyRegistered = true }, [email]);
        }

        var attested = await session.AttestedAsync(command.Organisation!.Siren, today, cancellationToken);
        var reference = await EnrolmentReferences.NextAsync(session, today.Year, cancellationToken);
        var (submitted, assessed) = Decide(command, Guid.CreateVersion7(), reference, attested, time.GetUtcNow());
        var receipt = ReceiptFor(submitted, assessed);
        session.Events.StartStream<EnrolmentFile>(submitted.EnrolmentId, submitted, assessed);
        // Insert, not store: of two posts racing for the same email, the second fails on the key and its retry finds this one.
        session.Insert(new Registrant(Registrant.IdOf(command.CohortId, command.Participant.Email), submitted.EnrolmentId, command.IdempotencyKey, receipt));
        return (receipt, [PreRegistrationEmails.Received(submitted, assessed.Decision, cohort, site)]);
    }

    private static bool IsRetryOf(SubmitPreRegistration command, Registrant registrant) =>
        command.IdempotencyKey is not null && command.IdempotencyKey == registrant.IdempotencyKey;

    /// <summary>
    /// The catalogue's public form, where a supplier proposes their solution: Catalogue's page, named by its address
    /// only (Enrolment does not reference Catalogue).
    /// </summary>
    public const string CatalogueFormPath = "/catalogue/proposer";

    /// <summary>The problem detail carrying the catalogue form's absolute address.</summary>
    public const string CatalogueUrlKey = "catalogueUrl";

    /// <summary>A company that sells a circular or solidarity solution is not a participant: it belongs in the catalogue.</summary>
    public static void EnsureBuyerNotSupplier(SubmitPreRegistration command, PublicSite site)
    {
        if (command.PromotesOwnSolution)
        {
            var catalogueUrl = site.Url(CatalogueFormPath);
            throw new RuleViolationException("supplier-not-participant",
                "Le programme accompagne les acheteurs et prescripteurs ; il n'accueille pas les structures qui souhaitent " +
                "promouvoir une solution qu'elles proposent. Pour faire connaître votre solution circulaire ou solidaire, " +
                $"proposez-la au catalogue de solutions du programme : {catalogueUrl}. Votre pré-inscription n'a pas été enregistrée.",
                new Dictionary<string, object?> { [CatalogueUrlKey] = catalogueUrl });
        }
    }

    /// <summary>Pre-registration is open from the first to the last day of the cohort's window, inclusive, in Paris.</summary>
    public static void EnsureRegistrationOpen(OpenCohort cohort, DateOnly today)
    {
        if (today < cohort.RegistrationOpensOn || today > cohort.RegistrationClosesOn)
        {
            throw RegistrationClosed(cohort, today);
        }
    }

    public static (PreRegistrationSubmitted, EligibilityAssessed) Decide(
        SubmitPreRegistration command, Guid enrolmentId, string reference, IReadOnlyList<Membership> attested, DateTimeOffset now)
    {
        var organisation = command.Organisation!;
        var declared = (command.DeclaredMemberships ?? []).Order().ToList();
        var submitted = new PreRegistrationSubmitted(
            enrolmentId,
            command.CohortId,
            command.Participant!.ToParticipant(),
            new Organisation(organisation.Name.Trim(), organisation.Kind!.Value,
                string.IsNullOrEmpty(organisation.Siren) ? null : organisation.Siren,
                string.IsNullOrEmpty(organisation.CommuneInseeCode) ? null : organisation.CommuneInseeCode),
            declared,
            command.Project is { } project
                ? new PurchasingProject(Guid.CreateVersion7(), project.Title.Trim(), project.Category!.Value, project.Themes!.Distinct().Order().ToList(),
                    project.ExpectedProcedureOn, project.Milestone)
                : null,
            now,
            Replaces: null,
            reference,
            PrivacyNotice.Version);
        return (submitted, EligibilityAssessed.Decide(submitted.Organisation, declared, attested, "Pré-inscription."));
    }

    private static PreRegistrationReceipt ReceiptFor(PreRegistrationSubmitted submitted, EligibilityAssessed assessed) => new(
        submitted.EnrolmentId,
        submitted.Reference,
        EnrolmentStatus.PreRegistered,
        assessed.Decision.Outcome,
        assessed.Decision.Reasons);

    private static RuleViolationException RegistrationClosed(OpenCohort cohort, DateOnly today)
    {
        var window = $"du {FrenchDates.Long(cohort.RegistrationOpensOn)} au {FrenchDates.Long(cohort.RegistrationClosesOn)}";
        var detail = today < cohort.RegistrationOpensOn
            ? $"Les inscriptions à l'édition « {cohort.Name} » ne sont pas encore ouvertes : elles le seront {window}."
            : $"Les inscriptions à l'édition « {cohort.Name} » sont closes : elles étaient ouvertes {window}.";
        return new RuleViolationException("registration-closed", detail, new Dictionary<string, object?>
        {
            ["registrationOpensOn"] = cohort.RegistrationOpensOn,
            ["registrationClosesOn"] = cohort.RegistrationClosesOn,
        });
    }
}

internal static class SubmitPreRegistrationEndpoint
{
    public static RouteHandlerBuilder MapSubmitPreRegistration(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapPost("/pre-registrations", async (
                SubmitPreRegistration command,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                IMessageBus bus,
                CancellationToken cancellationToken) =>
            {
                // The same answer whether the address was new or already in the cohort: only its owner learns which, by email.
                await bus.InvokeAsync<PreRegistrationReceipt>(command with { IdempotencyKey = idempotencyKey }, cancellationToken);
                return TypedResults.Accepted((string?)null, PreRegistrationAcknowledgement.Sent);
            })
            .AsPublicForm()
            .WithName(nameof(SubmitPreRegistration))
            .WithSummary("Se pré-inscrire à une édition")
            .WithDescription("Formulaire public de pré-inscription. La réponse est la même pour une adresse nouvelle ou déjà pré-inscrite " +
                "à l'édition : la personne reçoit par courriel la référence de sa pré-inscription et la suite. Un nouvel envoi avec le même " +
                "en-tête Idempotency-Key reçoit la même réponse et n'envoie pas de second courriel.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}

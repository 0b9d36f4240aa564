using System.Text.Json.Serialization;
using Achats.Cohorts.Contracts;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Memberships;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using FluentValidation.Results;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.Enrolments;

/// <summary>A participant pre-registers for a cohort open for registration: the public form.</summary>
public sealed record SubmitPreRegistration(
    Guid CohortId,
    ParticipantDetails? Participant,
    OrganisationDetails? Organisation,
    IReadOnlyList<Membership>? DeclaredMemberships,
    ProjectDetails? Project,
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

public sealed record ProjectDetails(string Title, PurchaseCategory? Category, IReadOnlyList<Theme>? Themes);

/// <summary>What the participant is told, and what a retry with the same idempotency key is told again.</summary>
public sealed record PreRegistrationReceipt(
    Guid EnrolmentId,
    EnrolmentStatus Status,
    EligibilityOutcome Eligibility,
    IReadOnlyList<string> EligibilityReasons,
    string Message);

/// <summary>Holds a (cohort, email) pair so that one person pre-registers once per cohort, even when two posts race.</summary>
public sealed record Registrant(string Id, Guid EnrolmentId, string? IdempotencyKey, PreRegistrationReceipt Receipt)
{
    public static string IdOf(Guid cohortId, string email) => $"{cohortId:N}:{email.Trim().ToLowerInvariant()}";
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

    private sealed class ProjectValidator : AbstractValidator<ProjectDetails>
    {
        public ProjectValidator()
        {
            RuleFor(p => p.Title).NotEmpty().WithMessage("Le titre du projet d'achat est obligatoire.")
                .MaximumLength(200).WithMessage("Le titre du projet d'achat ne doit pas dépasser 200 caractères.");
            RuleFor(p => p.Category).NotNull().WithMessage("La catégorie d'achat est obligatoire.")
                .IsInEnum().WithMessage("Catégorie d'achat inconnue.");
            RuleFor(p => p.Themes).NotEmpty().WithMessage("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.")
                .Must(themes => themes is null || themes.Count <= Enum.GetValues<Theme>().Length).WithMessage("Choisissez chaque enjeu une fois au plus.");
            RuleForEach(p => p.Themes).IsInEnum().WithMessage("Enjeu inconnu.");
        }
    }
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
    public static async Task<PreRegistrationReceipt> Handle(
        SubmitPreRegistration command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        EnsureBuyerNotSupplier(command);
        var cohort = await session.LoadAsync<OpenCohort>(command.CohortId, cancellationToken)
            ?? throw new ValidationException([new ValidationFailure(nameof(command.CohortId), "Cette édition n'existe pas.")]);
        var registrantId = Registrant.IdOf(command.CohortId, command.Participant!.Email);
        if (await session.LoadAsync<Registrant>(registrantId, cancellationToken) is { } registrant)
        {
            return command.IdempotencyKey is not null && command.IdempotencyKey == registrant.IdempotencyKey
                ? registrant.Receipt
                : throw new ConflictException(
                    $"Cette adresse électronique est déjà pré-inscrite à l'édition « {cohort.Name} » (pré-inscription {registrant.EnrolmentId}).",
                    new Dictionary<string, object?> { ["existingEnrolmentId"] = registrant.EnrolmentId });
        }

        // A retry of an accepted pre-registration gets its answer even once registration has closed.
        var today = time.TodayInParis();
        EnsureRegistrationOpen(cohort, today);

        var attested = await session.AttestedAsync(command.Organisation!.Siren, today, cancellationToken);
        var (submitted, assessed) = Decide(command, Guid.CreateVersion7(), attested, time.GetUtcNow());
        var receipt = ReceiptFor(submitted, assessed);
        session.Events.StartStream<EnrolmentFile>(submitted.EnrolmentId, submitted, assessed);
        // Insert, not store: of two posts racing for the same email, the second fails on the key (409).
        session.Insert(new Registrant(registrantId, submitted.EnrolmentId, command.IdempotencyKey, receipt));
        return receipt;
    }

    /// <summary>A company that sells a circular or solidarity solution is not a participant: it belongs in the catalogue.</summary>
    public static void EnsureBuyerNotSupplier(SubmitPreRegistration command)
    {
        if (command.PromotesOwnSolution)
        {
            throw new RuleViolationException("supplier-not-participant",
                "Le programme accompagne les acheteurs et prescripteurs ; il n'accueille pas les structures qui souhaitent " +
                "promouvoir une solution qu'elles proposent. Pour faire connaître votre solution circulaire ou solidaire, " +
                "proposez-la au catalogue de solutions du programme. Votre pré-inscription n'a pas été enregistrée.");
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
        SubmitPreRegistration command, Guid enrolmentId, IReadOnlyList<Membership> attested, DateTimeOffset now)
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
                ? new PurchasingProject(Guid.CreateVersion7(), project.Title.Trim(), project.Category!.Value, project.Themes!.Distinct().Order().ToList())
                : null,
            now,
            Replaces: null);
        return (submitted, EligibilityAssessed.Decide(submitted.Organisation, declared, attested, "Pré-inscription."));
    }

    private static PreRegistrationReceipt ReceiptFor(PreRegistrationSubmitted submitted, EligibilityAssessed assessed) => new(
        submitted.EnrolmentId,
        EnrolmentStatus.PreRegistered,
        assessed.Decision.Outcome,
        assessed.Decision.Reasons,
        "Votre pré-inscription est enregistrée. L'équipe du programme l'examinera puis vous écrira : " +
        "une fois validée, vous signerez la charte d'engagement pour être admis·e dans l'édition.");

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
                var receipt = await bus.InvokeAsync<PreRegistrationReceipt>(command with { IdempotencyKey = idempotencyKey }, cancellationToken);
                return TypedResults.Created($"/api/enrolment/v1/enrolments/{receipt.EnrolmentId}", receipt);
            })
            .AsPublicForm()
            .WithName(nameof(SubmitPreRegistration))
            .WithSummary("Se pré-inscrire à une édition")
            .WithDescription("Formulaire public de pré-inscription. Un nouvel envoi avec le même en-tête Idempotency-Key renvoie la première réponse.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}

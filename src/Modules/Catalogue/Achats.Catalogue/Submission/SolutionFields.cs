using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.France;
using FluentValidation;

namespace Achats.Catalogue.Submission;

/// <summary>
/// What a supplier fills in about a solution, as sent (any part may be missing): the public form and the supplier's
/// edit alike. Checked by <see cref="SolutionFieldsValidator"/>, then turned into a <see cref="SolutionContent"/>.
/// </summary>
public interface ISolutionFields
{
    SupplierDetails? Supplier { get; }

    ContactDetails? Contact { get; }

    SolutionDetails? Solution { get; }
}

public sealed record SupplierDetails(string? Name, string? Siren, string? CommuneInseeCode, string? LegalForm, EssStatus? EssStatus, string? Website);

public sealed record ContactDetails(string? Name, string? Email, string? Phone);

public sealed record SolutionDetails(
    string? Title,
    string? Summary,
    string? Description,
    IReadOnlyList<PurchaseCategory>? Categories,
    IReadOnlyList<Theme>? Themes,
    IReadOnlyList<string>? Departements,
    IReadOnlyList<string>? Labels,
    IReadOnlyList<ReferenceDetails>? References);

public sealed record ReferenceDetails(string? Buyer, int? Year, string? Purchase);

/// <summary>
/// Every rule of a solution's fields, each with its French message and a bound on every length and list. A choice
/// repeated in a list counts once (<see cref="SolutionFieldsMapping"/>); a list is only bounded, at twice its options.
/// </summary>
internal sealed class SolutionFieldsValidator : AbstractValidator<ISolutionFields>
{
    public const int MaxLabels = 10;
    public const int MaxReferences = 5;
    public const int MaxDescription = 10_000;
    public const int FirstYear = 1990;
    public const int LastYear = 2099;

    public SolutionFieldsValidator()
    {
        RuleFor(fields => fields.Supplier).NotNull().WithMessage("Les informations sur la structure sont obligatoires.").SetValidator(new SupplierValidator()!);
        RuleFor(fields => fields.Contact).NotNull().WithMessage("Les informations sur la personne à contacter sont obligatoires.").SetValidator(new ContactValidator()!);
        RuleFor(fields => fields.Solution).NotNull().WithMessage("Les informations sur la solution sont obligatoires.").SetValidator(new DescriptionValidator()!);
    }

    private sealed class SupplierValidator : AbstractValidator<SupplierDetails>
    {
        public SupplierValidator()
        {
            RuleFor(s => s.Name).NotEmpty().WithMessage("Le nom de la structure est obligatoire.")
                .MaximumLength(200).WithMessage("Le nom de la structure ne doit pas dépasser 200 caractères.");
            RuleFor(s => s.Siren).NotEmpty().WithMessage("Le SIREN est obligatoire.")
                .Must(siren => siren is null || Siren.IsValid(siren.Trim())).WithMessage("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
            RuleFor(s => s.CommuneInseeCode).NotEmpty().WithMessage("Le code INSEE de la commune est obligatoire.")
                .Must(code => code is null || Communes.Exists(code.Trim())).WithMessage("Ce code INSEE ne correspond à aucune commune.");
            RuleFor(s => s.LegalForm).NotEmpty().WithMessage("La forme juridique est obligatoire.")
                .MaximumLength(100).WithMessage("La forme juridique ne doit pas dépasser 100 caractères.");
            RuleFor(s => s.EssStatus).NotNull().WithMessage("Le statut dans l'économie sociale et solidaire est obligatoire (« Aucun de ces statuts » s'il y a lieu).")
                .IsInEnum().WithMessage("Statut inconnu.");
            RuleFor(s => s.Website).MaximumLength(300).WithMessage("L'adresse du site ne doit pas dépasser 300 caractères.")
                .Must(BeAWebAddress).When(s => !string.IsNullOrWhiteSpace(s.Website))
                .WithMessage("L'adresse du site doit commencer par https:// ou http://, par exemple https://www.exemple.fr.");
        }

        private static bool BeAWebAddress(string? website) =>
            Uri.TryCreate(website?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
    }

    private sealed class ContactValidator : AbstractValidator<ContactDetails>
    {
        public ContactValidator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Le nom de la personne à contacter est obligatoire.")
                .MaximumLength(120).WithMessage("Le nom de la personne à contacter ne doit pas dépasser 120 caractères.");
            RuleFor(c => c.Email).NotEmpty().WithMessage("L'adresse électronique est obligatoire.")
                .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.")
                .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.");
            RuleFor(c => c.Phone).Matches(@"^\s*\+?[0-9 .()-]{6,20}\s*$").When(c => !string.IsNullOrWhiteSpace(c.Phone))
                .WithMessage("Le numéro de téléphone n'est pas valide.");
        }
    }

    private sealed class DescriptionValidator : AbstractValidator<SolutionDetails>
    {
        public DescriptionValidator()
        {
            RuleFor(s => s.Title).NotEmpty().WithMessage("Le titre de la solution est obligatoire.")
                .MaximumLength(150).WithMessage("Le titre de la solution ne doit pas dépasser 150 caractères.");
            RuleFor(s => s.Summary).NotEmpty().WithMessage("Le résumé est obligatoire.")
                .MaximumLength(300).WithMessage("Le résumé ne doit pas dépasser 300 caractères.");
            RuleFor(s => s.Description).NotEmpty().WithMessage("La description est obligatoire.")
                .MaximumLength(MaxDescription).WithMessage("La description ne doit pas dépasser 10 000 caractères.");
            RuleFor(s => s.Categories).NotEmpty().WithMessage("Choisissez au moins une catégorie d'achat.")
                .Must(categories => categories!.Count <= 2 * PurchaseLabels.PurchaseCategories.Count).When(s => s.Categories is not null)
                .WithMessage("La liste des catégories d'achat est trop longue : chacune ne compte qu'une fois.");
            RuleForEach(s => s.Categories).IsInEnum().WithMessage("Catégorie d'achat inconnue.");
            RuleFor(s => s.Themes).NotEmpty().WithMessage("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.")
                .Must(themes => themes!.Count <= 2 * PurchaseLabels.Themes.Count).When(s => s.Themes is not null)
                .WithMessage("La liste des enjeux est trop longue : chacun ne compte qu'une fois.");
            RuleForEach(s => s.Themes).IsInEnum().WithMessage("Enjeu inconnu.");
            RuleFor(s => s.Departements).NotEmpty().WithMessage("Choisissez au moins un département où vous intervenez.")
                .Must(departements => departements!.Count <= 2 * Departements.All.Count).When(s => s.Departements is not null)
                .WithMessage("La liste des départements est trop longue : chacun ne compte qu'une fois.");
            RuleForEach(s => s.Departements).Must(code => code is not null && Departements.Exists(code.Trim())).WithMessage("Département inconnu.");
            RuleFor(s => s.Labels).Must(labels => labels!.Count <= MaxLabels).When(s => s.Labels is not null)
                .WithMessage($"Indiquez {MaxLabels} labels ou certifications au plus.");
            RuleForEach(s => s.Labels).NotEmpty().WithMessage("Un label ou une certification ne peut pas être vide.")
                .MaximumLength(100).WithMessage("Un label ou une certification ne doit pas dépasser 100 caractères.");
            RuleFor(s => s.References).Must(references => references!.Count <= MaxReferences).When(s => s.References is not null)
                .WithMessage($"Indiquez {MaxReferences} références au plus.");
            RuleForEach(s => s.References).NotNull().WithMessage("Une référence ne peut pas être vide.").SetValidator(new ReferenceValidator()!);
        }
    }

    private sealed class ReferenceValidator : AbstractValidator<ReferenceDetails>
    {
        public ReferenceValidator()
        {
            RuleFor(r => r.Buyer).NotEmpty().WithMessage("Nommez l'acheteur public de cette référence.")
                .MaximumLength(200).WithMessage("Le nom de l'acheteur public ne doit pas dépasser 200 caractères.");
            RuleFor(r => r.Year).NotNull().WithMessage("Indiquez l'année de cet achat.")
                .InclusiveBetween(FirstYear, LastYear).WithMessage($"L'année de l'achat doit être comprise entre {FirstYear} et {LastYear}.");
            RuleFor(r => r.Purchase).NotEmpty().WithMessage("Décrivez ce que l'acheteur public a acheté.")
                .MaximumLength(300).WithMessage("Ce qui a été acheté ne doit pas dépasser 300 caractères.");
        }
    }
}

/// <summary>Valid fields as one version of the solution: text trimmed, lists without repeats and in a stable order.</summary>
public static class SolutionFieldsMapping
{
    public static SolutionContent ToContent(this ISolutionFields fields)
    {
        var (supplier, contact, solution) = (fields.Supplier!, fields.Contact!, fields.Solution!);
        return new SolutionContent(
            new Supplier(supplier.Name!.Trim(), supplier.Siren!.Trim(), supplier.CommuneInseeCode!.Trim(), supplier.LegalForm!.Trim(),
                supplier.EssStatus!.Value, Optional(supplier.Website)),
            new SupplierContact(contact.Name!.Trim(), contact.Email!.Trim(), Optional(contact.Phone)),
            new SolutionDescription(
                solution.Title!.Trim(),
                solution.Summary!.Trim(),
                solution.Description!.Trim(),
                [.. solution.Categories!.Distinct().Order()],
                [.. solution.Themes!.Distinct().Order()],
                // In the usual order of the départements (« 2A » after « 19 »), as the form lists them.
                [.. solution.Departements!.Select(code => code.Trim()).Distinct().OrderBy(code => Departements.All.ToList().FindIndex(d => d.Code == code))],
                [.. (solution.Labels ?? []).Select(label => label.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
                [.. (solution.References ?? []).Select(r => new PublicBuyerReference(r.Buyer!.Trim(), r.Year!.Value, r.Purchase!.Trim()))
                    .OrderByDescending(r => r.Year).ThenBy(r => r.Buyer, StringComparer.Ordinal)]));
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

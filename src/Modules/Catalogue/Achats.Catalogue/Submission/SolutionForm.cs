using System.Globalization;
using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;

namespace Achats.Catalogue.Submission;

/// <summary>
/// A solution's form as a person filled it in (kept as typed when refused), its fields named as in the JSON request:
/// the public form and the supplier's edit alike, and the fields it sends.
/// </summary>
public sealed class SolutionForm
{
    /// <summary>Empty rows of public-buyer references the form offers.</summary>
    public const int ReferenceRows = 3;

    public SupplierFields? Supplier { get; set; }

    public ContactFields? Contact { get; set; }

    public DescriptionFields? Solution { get; set; }

    public bool ConsentToDataProcessing { get; set; }

    public sealed class SupplierFields
    {
        public string? Name { get; set; }

        public string? Siren { get; set; }

        public string? CommuneInseeCode { get; set; }

        public string? LegalForm { get; set; }

        public string? EssStatus { get; set; }

        public string? Website { get; set; }
    }

    public sealed class ContactFields
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }
    }

    public sealed class DescriptionFields
    {
        public string? Title { get; set; }

        public string? Summary { get; set; }

        public string? Description { get; set; }

        public List<string>? Categories { get; set; }

        public List<string>? Themes { get; set; }

        public List<string>? Departements { get; set; }

        /// <summary>One label or certification a line.</summary>
        public string? Labels { get; set; }

        public List<ReferenceFields>? References { get; set; }
    }

    public sealed class ReferenceFields
    {
        public string? Buyer { get; set; }

        public string? Year { get; set; }

        public string? Purchase { get; set; }

        public bool IsEmpty => Given(Buyer) is null && Given(Year) is null && Given(Purchase) is null;
    }

    /// <summary>The form with every group present and room for more references: a post may leave any of them out.</summary>
    public SolutionForm Complete()
    {
        Supplier ??= new SupplierFields();
        Contact ??= new ContactFields();
        Solution ??= new DescriptionFields();
        Solution.Categories ??= [];
        Solution.Themes ??= [];
        Solution.Departements ??= [];
        // The rows filled in first, as they are sent: a refusal's row number is the row shown.
        Solution.References = [.. (Solution.References ?? []).Where(row => !row.IsEmpty)];
        var rows = Math.Min(SolutionFieldsValidator.MaxReferences, Math.Max(ReferenceRows, Solution.References.Count + 1));
        while (Solution.References.Count < rows)
        {
            Solution.References.Add(new ReferenceFields());
        }

        return this;
    }

    /// <summary>The form filled with a version of the solution: the supplier's edit starts from their latest.</summary>
    public static SolutionForm From(SolutionContent content) => new SolutionForm
    {
        Supplier = new SupplierFields
        {
            Name = content.Supplier.Name,
            Siren = content.Supplier.Siren,
            CommuneInseeCode = content.Supplier.CommuneInseeCode,
            LegalForm = content.Supplier.LegalForm,
            EssStatus = content.Supplier.EssStatus.ToString(),
            Website = content.Supplier.Website,
        },
        Contact = new ContactFields { Name = content.Contact.Name, Email = content.Contact.Email, Phone = content.Contact.Phone },
        Solution = new DescriptionFields
        {
            Title = content.Solution.Title,
            Summary = content.Solution.Summary,
            Description = content.Solution.Description,
            Categories = [.. content.Solution.Categories.Select(category => category.ToString())],
            Themes = [.. content.Solution.Themes.Select(theme => theme.ToString())],
            Departements = [.. content.Solution.Departements],
            Labels = string.Join('\n', content.Solution.Labels),
            References = [.. content.Solution.References.Select(reference => new ReferenceFields
            {
                Buyer = reference.Buyer,
                Year = reference.Year.ToString(CultureInfo.InvariantCulture),
                Purchase = reference.Purchase,
            })],
        },
    }.Complete();

    public SubmitSolution ToSubmission() => new(SupplierDetails(), ContactDetails(), SolutionDetails(), ConsentToDataProcessing);

    public ReviseSolution ToRevision(string token) => new(token, SupplierDetails(), ContactDetails(), SolutionDetails());

    private SupplierDetails SupplierDetails()
    {
        var supplier = Supplier ?? new();
        return new(Given(supplier.Name), Given(supplier.Siren), Given(supplier.CommuneInseeCode), Given(supplier.LegalForm),
            Given(supplier.EssStatus) is null ? null : Known<EssStatus>(supplier.EssStatus) ?? (EssStatus)(-1), Given(supplier.Website));
    }

    private ContactDetails ContactDetails()
    {
        var contact = Contact ?? new();
        return new(Given(contact.Name), Given(contact.Email), Given(contact.Phone));
    }

    private SolutionDetails SolutionDetails()
    {
        var solution = Solution ?? new();
        return new(
            Given(solution.Title),
            Given(solution.Summary),
            Given(solution.Description),
            All<PurchaseCategory>(solution.Categories),
            All<Theme>(solution.Themes),
            [.. (solution.Departements ?? []).Where(code => !string.IsNullOrWhiteSpace(code))],
            [.. (solution.Labels ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)],
            // Rows left empty are rows not used; a row partly filled is checked, and refused, as a whole.
            [.. (solution.References ?? []).Where(row => !row.IsEmpty).Select(row => new ReferenceDetails(Given(row.Buyer), Year(row.Year), Given(row.Purchase)))]);
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A year that is not a number becomes one the validator refuses, never a crash.</summary>
    private static int? Year(string? text) => Given(text) is not { } given ? null
        : int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : -1;

    /// <summary>A value no option offers (a forged post) becomes one the validator names as unknown, never a crash.</summary>
    private static List<TEnum> All<TEnum>(List<string>? values) where TEnum : struct, Enum =>
        [.. (values ?? []).Where(value => !string.IsNullOrEmpty(value)).Select(value => Known<TEnum>(value) ?? (TEnum)Enum.ToObject(typeof(TEnum), -1))];

    private static TEnum? Known<TEnum>(string? text) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;
}

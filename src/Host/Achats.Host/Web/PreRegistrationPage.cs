using Achats.Cohorts.Contracts;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Achats.Shared.Web;
using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Wolverine;

namespace Achats.Host.Web;

/// <summary>
/// The public pre-registration page: the form of <see cref="SubmitPreRegistration"/> for people, sent
/// through the same message as the API, its refusals shown beside the fields they concern.
/// </summary>
public static class PreRegistrationPage
{
    public const string Path = "/inscription";

    public static IEndpointRouteBuilder MapPreRegistrationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext context, IAntiforgery antiforgery, IMessageBus bus, CancellationToken cancellationToken) =>
                Form(context, antiforgery, await OpenCohortsAsync(bus, cancellationToken), new FormCollectionValues(), Errors.None))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                // The form is read by hand (its fields are nested), so the antiforgery check is too.
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Page.FormExpired("Ce formulaire a expiré ou ne vient pas de ce site : rechargez la page, puis envoyez-le de nouveau.");
                }

                var values = new FormCollectionValues(await context.Request.ReadFormAsync(cancellationToken));
                try
                {
                    var receipt = await bus.InvokeAsync<PreRegistrationReceipt>(values.ToCommand(), cancellationToken);
                    return Receipt(receipt);
                }
                catch (ValidationException invalid)
                {
                    return Form(context, antiforgery, await OpenCohortsAsync(bus, cancellationToken), values, new Errors(ProblemDetailsMapping.FieldErrors(invalid), null), StatusCodes.Status400BadRequest);
                }
                catch (RuleViolationException refused)
                {
                    return Form(context, antiforgery, await OpenCohortsAsync(bus, cancellationToken), values, new Errors(new Dictionary<string, string[]>(), refused.Message), StatusCodes.Status422UnprocessableEntity);
                }
                catch (ConflictException conflict)
                {
                    return Form(context, antiforgery, await OpenCohortsAsync(bus, cancellationToken), values, new Errors(new Dictionary<string, string[]>(), conflict.Message), StatusCodes.Status409Conflict);
                }
            })
            .AsPublicForm()
            .ExcludeFromDescription();
        return app;
    }

    private static Task<IReadOnlyList<OpenCohort>> OpenCohortsAsync(IMessageBus bus, CancellationToken cancellationToken) =>
        bus.InvokeAsync<IReadOnlyList<OpenCohort>>(new ListOpenCohorts(), cancellationToken);

    private static IResult Receipt(PreRegistrationReceipt receipt) => Page.Html("Pré-inscription enregistrée", $"""
        <h1>Pré-inscription enregistrée</h1>
        <p role="status">{Page.Encode(receipt.Message)}</p>
        <h2>Gratuité de votre participation</h2>
        <ul>{string.Concat(receipt.EligibilityReasons.Select(reason => $"<li>{Page.Encode(reason)}</li>"))}</ul>
        <p>Référence de votre pré-inscription : <code>{receipt.EnrolmentId}</code></p>
        """);

    private static IResult Form(
        HttpContext context, IAntiforgery antiforgery, IReadOnlyList<OpenCohort> cohorts, FormCollectionValues values, Errors errors,
        int status = StatusCodes.Status200OK)
    {
        if (cohorts.Count == 0)
        {
            return Page.Html("Pré-inscription", """
                <h1>Pré-inscription au programme Achats circulaires et solidaires</h1>
                <p>Aucune édition n'est ouverte aux inscriptions pour le moment.</p>
                """, status);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var idempotencyKey = values["idempotencyKey"] is { Length: > 0 } key ? key : Guid.CreateVersion7().ToString();
        return Page.Html("Pré-inscription", $"""
            <h1>Pré-inscription au programme Achats circulaires et solidaires</h1>
            <p>Le programme accompagne pendant un an les acheteurs publics et privés, les prescripteurs, les élus et les
            responsables RSE qui intègrent l'économie circulaire et l'économie sociale et solidaire à leurs achats.</p>
            {(errors.Message is null ? "" : $"""<p class="error" role="alert">{Page.Encode(errors.Message)}</p>""")}
            {(errors.Fields.Count == 0 ? "" : """<p class="error" role="alert">Le formulaire contient des erreurs : corrigez les champs signalés.</p>""")}
            <form method="post" action="{Path}">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <input type="hidden" name="idempotencyKey" value="{Page.Encode(idempotencyKey)}">
              {Select("cohortId", "Édition", cohorts.Select(cohort => (cohort.Id.ToString(), $"{cohort.Name} (inscriptions jusqu'au {FrenchDates.Short(cohort.RegistrationClosesOn)})")), values, errors, required: true,
                  chosen: values["cohortId"] ?? (cohorts.Count == 1 ? cohorts[0].Id.ToString() : null))}
              <fieldset><legend>Vous</legend>
                {Input("participant.firstName", "Prénom", values, errors, autocomplete: "given-name", required: true)}
                {Input("participant.lastName", "Nom", values, errors, autocomplete: "family-name", required: true)}
                {Input("participant.email", "Adresse électronique professionnelle", values, errors, type: "email", autocomplete: "email", required: true)}
                {Input("participant.phone", "Téléphone (facultatif)", values, errors, type: "tel", autocomplete: "tel")}
                {Input("participant.jobTitle", "Fonction", values, errors, autocomplete: "organization-title", required: true)}
                {Select("participant.profile", "Votre rôle dans les achats", FrenchLabels.Profiles.Select(p => (p.Value.ToString(), p.Label)), values, errors, required: true)}
              </fieldset>
              <fieldset><legend>Votre structure</legend>
                {Input("organisation.name", "Nom de la structure", values, errors, autocomplete: "organization", required: true)}
                {Select("organisation.kind", "Type de structure", FrenchLabels.OrganisationKinds.Select(k => (k.Value.ToString(), k.Label)), values, errors, required: true)}
                {Input("organisation.siren", "SIREN (9 chiffres ; obligatoire pour une structure publique ou une entreprise)", values, errors, inputMode: "numeric")}
                {Input("organisation.communeInseeCode", "Code INSEE de la commune (structure publique)", values, errors, inputMode: "numeric")}
                {Checkboxes("declaredMemberships", "Adhésions de votre structure (la participation est gratuite pour leurs membres)", FrenchLabels.Memberships.Select(m => (m.Value.ToString(), m.Label)), values, errors)}
              </fieldset>
              <fieldset><legend>Votre projet d'achat (facultatif)</legend>
                {Input("project.title", "Intitulé du projet", values, errors)}
                {Select("project.category", "Catégorie d'achat", PurchaseLabels.PurchaseCategories.Select(c => (c.Value.ToString(), c.Label)), values, errors)}
                {Checkboxes("project.themes", "Enjeux", PurchaseLabels.Themes.Select(t => (t.Value.ToString(), t.Label)), values, errors)}
              </fieldset>
              {Checkbox("promotesOwnSolution", "Je souhaite faire connaître une solution que ma structure propose", values, errors)}
              {Checkbox("consentToDataProcessing", "J'accepte que mes données personnelles soient traitées par les structures organisatrices pour gérer ma participation au programme.", values, errors)}
              <button type="submit">Envoyer ma pré-inscription</button>
            </form>
            """, status);
    }

    private static string Input(
        string name, string label, FormCollectionValues values, Errors errors,
        string type = "text", string? autocomplete = null, string? inputMode = null, bool required = false) => $"""
        <label>{Page.Encode(label)}
          <input type="{type}" name="{name}" value="{Page.Encode(values[name])}"{(autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"")}{(inputMode is null ? "" : $" inputmode=\"{inputMode}\"")}{(required ? " required" : "")}{Invalid(name, errors)}>
          {ErrorOf(name, errors)}
        </label>
        """;

    private static string Select(
        string name, string label, IEnumerable<(string Value, string Label)> options, FormCollectionValues values, Errors errors,
        bool required = false, string? chosen = null) => $"""
        <label>{Page.Encode(label)}
          <select name="{name}"{(required ? " required" : "")}{Invalid(name, errors)}>
            <option value="">—</option>
            {string.Concat(options.Select(option => $"<option value=\"{Page.Encode(option.Value)}\"{((chosen ?? values[name]) == option.Value ? " selected" : "")}>{Page.Encode(option.Label)}</option>"))}
          </select>
          {ErrorOf(name, errors)}
        </label>
        """;

    private static string Checkboxes(
        string name, string legend, IEnumerable<(string Value, string Label)> options, FormCollectionValues values, Errors errors) => $"""
        <fieldset class="choices"><legend>{Page.Encode(legend)}</legend>
          {string.Concat(options.Select(option => $"<label class=\"choice\"><input type=\"checkbox\" name=\"{name}\" value=\"{Page.Encode(option.Value)}\"{(values.All(name).Contains(option.Value) ? " checked" : "")}> {Page.Encode(option.Label)}</label>"))}
          {ErrorOf(name, errors)}
        </fieldset>
        """;

    private static string Checkbox(string name, string label, FormCollectionValues values, Errors errors) => $"""
        <label class="choice"><input type="checkbox" name="{name}" value="true"{(values[name] == "true" ? " checked" : "")}> {Page.Encode(label)}</label>
        {ErrorOf(name, errors)}
        """;

    private static string Invalid(string name, Errors errors) => Page.Invalid(errors.Fields, name);

    private static string ErrorOf(string name, Errors errors) => Page.FieldError(errors.Fields, name);

    private sealed record Errors(IDictionary<string, string[]> Fields, string? Message)
    {
        public static readonly Errors None = new(new Dictionary<string, string[]>(), null);
    }

    /// <summary>The posted fields, named as in the JSON request, and the command they make.</summary>
    private sealed class FormCollectionValues(IFormCollection? form = null)
    {
        public string? this[string name] => form?[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

        public IReadOnlyList<string> All(string name) => form?[name].Where(value => !string.IsNullOrEmpty(value)).Select(value => value!).ToList() ?? [];

        public SubmitPreRegistration ToCommand()
        {
            var projectGiven = this["project.title"] is not null || this["project.category"] is not null || All("project.themes").Count > 0;
            return new SubmitPreRegistration(
                Guid.TryParse(this["cohortId"], out var cohortId) ? cohortId : Guid.Empty,
                new ParticipantDetails(this["participant.firstName"]!, this["participant.lastName"]!, this["participant.email"]!,
                    this["participant.phone"], this["participant.jobTitle"]!, Parse<Profile>("participant.profile")),
                new OrganisationDetails(this["organisation.name"]!, Parse<Achats.Enrolment.Eligibility.OrganisationKind>("organisation.kind"),
                    this["organisation.siren"], this["organisation.communeInseeCode"]),
                ParseAll<Achats.Enrolment.Eligibility.Membership>("declaredMemberships"),
                projectGiven
                    ? new ProjectDetails(this["project.title"]!, Parse<PurchaseCategory>("project.category"), ParseAll<Theme>("project.themes"))
                    : null,
                ConsentToDataProcessing: this["consentToDataProcessing"] == "true",
                PromotesOwnSolution: this["promotesOwnSolution"] == "true")
            {
                IdempotencyKey = this["idempotencyKey"],
            };
        }

        private TEnum? Parse<TEnum>(string name) where TEnum : struct, Enum => Known<TEnum>(this[name]);

        /// <summary>A value no option offers (a forged post) becomes one the validator names as unknown, never a crash.</summary>
        private List<TEnum> ParseAll<TEnum>(string name) where TEnum : struct, Enum =>
            All(name).Select(value => Known<TEnum>(value) ?? (TEnum)Enum.ToObject(typeof(TEnum), -1)).ToList();

        private static TEnum? Known<TEnum>(string? text) where TEnum : struct, Enum =>
            Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;
    }
}

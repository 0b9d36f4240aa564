using Achats.Charter.Signatures;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Achats.Shared.Web;
using FluentValidation;
using Markdig;
using Microsoft.AspNetCore.Antiforgery;
using Wolverine;

namespace Achats.Host.Web;

/// <summary>
/// The charter signature page a participant opens from their email: the exact text of the current
/// version, their name and role to confirm, and the promise that they may commit their organisation.
/// </summary>
public static class CharterSignaturePage
{
    // Staff write the body in Markdown; raw HTML in it is shown as text, never run.
    private static readonly MarkdownPipeline SafeMarkdown = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static IEndpointRouteBuilder MapCharterSignaturePage(this IEndpointRouteBuilder app)
    {
        var path = $"{SigningLinkSettings.PagePath}/{{token}}";
        app.MapGet(path, async (string token, HttpContext context, IAntiforgery antiforgery, IMessageBus bus, CancellationToken cancellationToken) =>
                View(context, antiforgery, token, await bus.InvokeAsync<SigningLinkView>(new OpenSigningLink(token), cancellationToken), form: null, errors: null))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(path, async (string token, HttpContext context, IAntiforgery antiforgery, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Page.FormExpired("Ce formulaire a expiré : rouvrez le lien reçu par courriel, puis signez de nouveau.");
                }

                var form = await context.Request.ReadFormAsync(cancellationToken);
                var command = new SignCharter(token,
                    Guid.TryParse(form["versionId"], out var versionId) ? versionId : Guid.Empty,
                    form["typedName"].ToString(), form["role"].ToString(), form["authorisedToCommit"] == "true")
                {
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = context.Request.Headers.UserAgent.ToString(),
                };
                try
                {
                    var signed = await bus.InvokeAsync<CharterSignatureRecorded>(command, cancellationToken);
                    return Page.Html("Charte signée", $"""
                        <h1>Charte signée</h1>
                        <p role="status">Merci {Page.Encode(signed.TypedName)} : votre signature de la version {signed.VersionNumber} de la charte
                        d'engagement est enregistrée.{(signed.VersionNumber == 1 ? " Avec la validation de votre pré-inscription, elle vaut admission dans l'édition." : "")}</p>
                        <p>Empreinte SHA-256 du texte signé : <code>{signed.Fingerprint}</code></p>
                        """);
                }
                catch (ValidationException invalid)
                {
                    var view = await bus.InvokeAsync<SigningLinkView>(new OpenSigningLink(token), cancellationToken);
                    return View(context, antiforgery, token, view, command, ProblemDetailsMapping.FieldErrors(invalid), StatusCodes.Status400BadRequest);
                }
                catch (RuleViolationException refused)
                {
                    return Refused(refused.Message, StatusCodes.Status422UnprocessableEntity);
                }
                catch (JasperFx.ConcurrencyException)
                {
                    // The same form sent twice at once: the other post signed.
                    return Refused(SignCharterHandler.Explain(SigningLinkState.Used), StatusCodes.Status409Conflict);
                }
                catch (ConflictException conflict)
                {
                    var view = await bus.InvokeAsync<SigningLinkView>(new OpenSigningLink(token), cancellationToken);
                    return View(context, antiforgery, token, view, command, new Dictionary<string, string[]> { ["versionId"] = [conflict.Message] }, StatusCodes.Status409Conflict);
                }
            })
            .AsPublicForm()
            .ExcludeFromDescription();

        app.MapPost($"{path}/revocation", async (string token, HttpContext context, IAntiforgery antiforgery, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Page.FormExpired("Ce formulaire a expiré : rouvrez votre lien, puis recommencez.");
                }

                var form = await context.Request.ReadFormAsync(cancellationToken);
                try
                {
                    await bus.InvokeAsync<SignatureRevoked>(new RevokeOwnSignature(token, form["reason"].ToString()), cancellationToken);
                    return Page.Html("Signature révoquée", """
                        <h1>Signature révoquée</h1>
                        <p role="status">Votre révocation est enregistrée : votre participation à l'édition prend fin. L'équipe du programme en est informée.</p>
                        """);
                }
                catch (ValidationException invalid)
                {
                    var view = await bus.InvokeAsync<SigningLinkView>(new OpenSigningLink(token), cancellationToken);
                    return View(context, antiforgery, token, view, null, ProblemDetailsMapping.FieldErrors(invalid), StatusCodes.Status400BadRequest);
                }
                catch (Exception refused) when (refused is RuleViolationException or ConflictException or JasperFx.ConcurrencyException)
                {
                    return Refused(refused is JasperFx.ConcurrencyException ? "Votre révocation est déjà enregistrée." : refused.Message, StatusCodes.Status409Conflict);
                }
            })
            .AsPublicForm()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult View(
        HttpContext context, IAntiforgery antiforgery, string token, SigningLinkView view, SignCharter? form, IDictionary<string, string[]>? errors,
        int status = StatusCodes.Status200OK)
    {
        switch (view.State)
        {
            case SigningLinkState.Invalid:
                return Refused(SignCharterHandler.Explain(view.State), StatusCodes.Status404NotFound);
            case SigningLinkState.Expired:
            case SigningLinkState.Used when view.SignedVersion is null:
                return Refused(SignCharterHandler.Explain(view.State), StatusCodes.Status410Gone);
            case SigningLinkState.Used:
                return Signed(context, antiforgery, token, view, errors, status);
        }

        if (view.Charter is not { } charter)
        {
            return Refused("La charte de votre édition n'est pas encore publiée : vous recevrez un nouveau lien dès qu'elle le sera.", StatusCodes.Status409Conflict);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        string ErrorOf(string field) => Page.FieldError(errors, field);
        return Page.Html("Charte d'engagement", $"""
            <h1>{Page.Encode(charter.Text.Title)}</h1>
            <p>Version {charter.Number}, publiée le {FrenchDates.Short(charter.PublishedAt.ParisDate())}.</p>
            <div class="charter">{Markdown.ToHtml(charter.Text.Body, SafeMarkdown)}</div>
            <h2>Vos engagements</h2>
            <ul>{string.Concat(charter.Text.Commitments.Select(commitment => $"<li>{Page.Encode(commitment)}</li>"))}</ul>
            <p class="fingerprint">Empreinte SHA-256 de ce texte : <code>{charter.Fingerprint}</code></p>
            {ErrorOf("versionId")}
            <form method="post" action="{SigningLinkSettings.PagePath}/{Uri.EscapeDataString(token)}">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <input type="hidden" name="versionId" value="{charter.Id}">
              <label>Vos prénom et nom, tels que vous signez <input name="typedName" required autocomplete="name" placeholder="{Page.Encode(view.Signer!.Name)}" value="{Page.Encode(form?.TypedName)}">{ErrorOf("typedName")}</label>
              <label>Votre fonction dans la structure <input name="role" required value="{Page.Encode(form?.Role ?? view.Signer!.JobTitle)}">{ErrorOf("role")}</label>
              <label class="choice"><input type="checkbox" name="authorisedToCommit" value="true"{(form?.AuthorisedToCommit == true ? " checked" : "")}>
                Je suis autorisé·e à engager {Page.Encode(view.Signer!.OrganisationName)} dans le programme et je signe la charte en son nom.</label>
              {ErrorOf("authorisedToCommit")}
              <button type="submit">Signer la charte</button>
            </form>
            """, status);
    }

    /// <summary>The signature given, and the participant's way to revoke it.</summary>
    private static IResult Signed(HttpContext context, IAntiforgery antiforgery, string token, SigningLinkView view, IDictionary<string, string[]>? errors, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Page.Html("Votre signature de la charte", $"""
            <h1>Votre signature de la charte</h1>
            <p>{Page.Encode(view.Signer!.Name)}, vous avez signé la version {view.SignedVersion} de la charte d'engagement le
            {FrenchDates.At(view.SignedAt!.Value)}.</p>
            <h2>Révoquer ma signature</h2>
            <p>Révoquer votre signature met fin à votre participation à l'édition.</p>
            <form method="post" action="{SigningLinkSettings.PagePath}/{Uri.EscapeDataString(token)}/revocation">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <label>Motif <input name="reason" required>{Page.FieldError(errors, "reason")}</label>
              <button type="submit">Révoquer ma signature et quitter l'édition</button>
            </form>
            """, status);
    }

    private static IResult Refused(string message, int status) => Page.Html("Signature de la charte", $"""
        <h1>Signature de la charte</h1>
        <p class="error" role="alert">{Page.Encode(message)}</p>
        """, status);
}

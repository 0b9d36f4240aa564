using Achats.Shared.Access;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>
/// Sets the address of the LinkedIn group open to everyone engaged on these topics (an external link, not hosted
/// here), which the welcome email gives each admitted participant. Empty removes it. The same address again changes nothing.
/// </summary>
public sealed record SetLinkedInGroup(Guid CohortId, string? Url);

internal sealed class SetLinkedInGroupValidator : AbstractValidator<SetLinkedInGroup>
{
    public const int MaximumLength = 300;

    public SetLinkedInGroupValidator() =>
        RuleFor(command => command.Url).Cascade(CascadeMode.Stop)
            .MaximumLength(MaximumLength).WithMessage($"L'adresse du groupe LinkedIn ne doit pas dépasser {MaximumLength} caractères.")
            .Must(BeLinkedInAddress!).WithMessage("Donnez l'adresse https:// d'un groupe sur linkedin.com, par exemple https://www.linkedin.com/groups/1234567/.")
            .When(command => !string.IsNullOrWhiteSpace(command.Url));

    /// <summary>An https address on linkedin.com or one of its subdomains, with no user name or port to mislead the reader.</summary>
    public static bool BeLinkedInAddress(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.IsDefaultPort
        && uri.UserInfo.Length == 0
        && (uri.Host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase));
}

public static class SetLinkedInGroupHandler
{
    /// <summary>A change is told to the participants' space; the same address again tells nothing.</summary>
    public static (CohortChanged, Events, Contracts.CohortLinkedInGroupChanged?) Handle(SetLinkedInGroup command, [WriteCohort] Cohort cohort)
    {
        Events events = [.. Decide(cohort, command)];
        var changed = cohort.Changed(events);
        return (changed, events, events.OfType<LinkedInGroupChanged>().Select(group => new Contracts.CohortLinkedInGroupChanged(cohort.Id, group.Url, changed.Version)).SingleOrDefault());
    }

    public static IEnumerable<LinkedInGroupChanged> Decide(Cohort cohort, SetLinkedInGroup command)
    {
        cohort.EnsureOpenForChanges();
        var url = string.IsNullOrWhiteSpace(command.Url) ? null : command.Url.Trim();
        return url == cohort.LinkedInGroup ? [] : [new LinkedInGroupChanged(url)];
    }
}

internal static class SetLinkedInGroupEndpoint
{
    public static RouteHandlerBuilder MapSetLinkedInGroup(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/linkedin-group", async (Guid cohortId, SetLinkedInGroup command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(SetLinkedInGroup))
            .WithSummary("Indiquer le groupe LinkedIn d'une édition")
            .WithDescription("Une adresse https:// sur linkedin.com, donnée aux participants dans le courriel de bienvenue ; vide, elle est retirée.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

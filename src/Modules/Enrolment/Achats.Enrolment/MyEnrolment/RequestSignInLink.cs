using Achats.Enrolment.Enrolments;
using Achats.Shared.Email;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>
/// Someone asks for a link to their own page. The answer never says whether the address is known (ADR 0044): the link
/// is emailed only to an address that has an enrolment, and at most <see cref="SignInLink.PerAddressPerHour"/> an hour.
/// </summary>
public sealed record RequestSignInLink(string Email);

internal sealed class RequestSignInLinkValidator : AbstractValidator<RequestSignInLink>
{
    public RequestSignInLinkValidator()
    {
        RuleFor(command => command.Email).NotEmpty().WithMessage("Saisissez l'adresse électronique de votre pré-inscription.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.")
            .EmailAddress().WithMessage("L'adresse électronique n'est pas valide.");
    }
}

public static class RequestSignInLinkHandler
{
    public static async Task<OutgoingMessages> Handle(
        RequestSignInLink command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var email = SignInLink.Normalise(command.Email);
        var now = time.GetUtcNow();
        var latest = await session.Query<EnrolmentFile>()
            .Where(enrolment => enrolment.Participant.Email.ToLower() == email)
            .OrderByDescending(enrolment => enrolment.SubmittedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var links = await session.Query<SignInLink>().Where(link => link.Email == email).ToListAsync(cancellationToken);
        if (latest is null || !MaySend(links, now))
        {
            return [];
        }

        // Links that can no longer open anything are removed as the address asks for a new one.
        foreach (var stale in links.Where(link => link.IssuedAt <= now.AddHours(-1) && link.StateAt(now) != SignInLinkState.Usable))
        {
            session.Delete(stale);
        }

        var (token, link) = SignInLink.Issue(email, now);
        session.Insert(link);
        var site = PublicSite.From(configuration);
        return
        [
            EmailTemplate.Of(typeof(RequestSignInLink).Assembly, "sign-in-link").Render(latest.Participant.Email, latest.Participant.Name(), site,
                new Dictionary<string, object?>
                {
                    ["FirstName"] = latest.Participant.FirstName,
                    ["ExpiresAt"] = FrenchDates.LongAt(link.ExpiresAt),
                    ["SignInUrl"] = site.Url($"{MyEnrolmentPaths.SignIn}/{token}"),
                }),
        ];
    }

    /// <summary>Fewer than <see cref="SignInLink.PerAddressPerHour"/> links sent to the address in the last hour.</summary>
    public static bool MaySend(IEnumerable<SignInLink> links, DateTimeOffset now) =>
        links.Count(link => link.IssuedAt > now.AddHours(-1)) < SignInLink.PerAddressPerHour;
}

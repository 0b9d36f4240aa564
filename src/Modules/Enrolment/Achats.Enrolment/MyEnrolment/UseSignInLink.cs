using System.Security.Claims;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;

namespace Achats.Enrolment.MyEnrolment;

/// <summary>What an emailed sign-in link opens on, without using it: a mail scanner that follows the link uses up nothing.</summary>
public sealed record OpenSignInLink(string Token);

/// <summary>The participant follows their link through: it is used up, and the address it was sent to is signed in.</summary>
public sealed record UseSignInLink(string Token);

public static class OpenSignInLinkHandler
{
    public static async Task<SignInLinkState> Handle(OpenSignInLink query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken) =>
        await SignInLinks.FindAsync(session, query.Token, cancellationToken) is { } link ? link.StateAt(time.GetUtcNow()) : SignInLinkState.Unknown;
}

public static class UseSignInLinkHandler
{
    /// <summary>The participant's session as a principal of <see cref="ParticipantSession.Scheme"/>; two racing uses: one wins, the other is refused (409).</summary>
    public static async Task<ClaimsPrincipal> Handle(UseSignInLink command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = await SignInLinks.FindAsync(session, command.Token, cancellationToken);
        var state = link?.StateAt(now) ?? SignInLinkState.Unknown;
        if (state != SignInLinkState.Usable)
        {
            throw new RuleViolationException($"sign-in-link-{state.ToString().ToLowerInvariant()}", SignInLinks.Explain(state));
        }

        session.Update(link! with { UsedAt = now });
        return SignInLinks.PrincipalFor(link!.Email);
    }
}

internal static class SignInLinks
{
    public static Task<SignInLink?> FindAsync(IQuerySession session, string token, CancellationToken cancellationToken)
    {
        var hash = SigningToken.HashOf(token);
        return session.Query<SignInLink>().SingleOrDefaultAsync(link => link.TokenHash == hash, cancellationToken);
    }

    public static ClaimsPrincipal PrincipalFor(string email) =>
        new(new ClaimsIdentity([new Claim(ParticipantSession.EmailClaim, SignInLink.Normalise(email))], ParticipantSession.Scheme));

    /// <summary>What the participant is told about a link that no longer opens their page: one wording, page and refusal alike.</summary>
    public static string Explain(SignInLinkState state) => state switch
    {
        SignInLinkState.Used => "Ce lien de connexion a déjà servi : chaque lien ne sert qu'une fois. Demandez-en un nouveau ci-dessous.",
        SignInLinkState.Expired => "Ce lien de connexion a expiré : il n'est valable que 30 minutes. Demandez-en un nouveau ci-dessous.",
        SignInLinkState.Unknown => "Ce lien de connexion n'est pas valide : vérifiez qu'il est complet, ou demandez-en un nouveau ci-dessous.",
        _ => "",
    };
}

/// <summary>The addresses of the participant's pages.</summary>
public static class MyEnrolmentPaths
{
    public const string Home = ParticipantSession.SignInPath;
    public const string SignIn = Home + "/connexion";

    public static string Of(Guid enrolmentId, string step) => $"{Home}/{enrolmentId}/{step}";
}

using Achats.Community.Discussions;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Email;
using FluentValidation;
using Marten;
using JasperFx;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Notifications;

/// <summary>One member's digest of <paramref name="Day"/>: what is new for them up to <paramref name="CutOff"/>, emailed once.</summary>
public sealed record SendDigest(Guid CohortId, Guid EnrolmentId, DateOnly Day, DateTimeOffset CutOff);

/// <summary>
/// A member's digest of a day, done (emailed when <see cref="Posts"/> is not 0): its id, the member and the day, makes a
/// redelivered or second <see cref="SendDigest"/> do nothing; its <see cref="CutOff"/> starts the next one.
/// </summary>
public sealed record DigestSent(string Id, Guid CohortId, Guid EnrolmentId, DateOnly Day, DateTimeOffset CutOff, int Posts)
{
    public static string IdOf(Guid enrolmentId, DateOnly day) => $"{enrolmentId:N}:{day:yyyy-MM-dd}";
}

internal sealed class SendDigestValidator : AbstractValidator<SendDigest>
{
    public SendDigestValidator()
    {
        RuleFor(command => command.CohortId).NotEmpty();
        RuleFor(command => command.EnrolmentId).NotEmpty();
        RuleFor(command => command.Day).NotEmpty();
    }
}

public static class SendDigestHandler
{
    /// <summary>Two nodes on the same digest: the second insert fails, and its retry finds the digest done.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<DocumentAlreadyExistsException>().RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    public static async Task<OutgoingMessages> Handle(
        SendDigest command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<DigestSent>(DigestSent.IdOf(command.EnrolmentId, command.Day), cancellationToken) is not null
            || await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(command.CohortId), cancellationToken) is not { IsOpen: true } space
            || space.Member(command.EnrolmentId) is not { IsCurrent: true } member
            || await session.LoadAsync<DigestSubscription>(command.EnrolmentId, cancellationToken) is { Receives: false })
        {
            return [];
        }

        var now = time.GetUtcNow();
        var until = command.CutOff < now ? command.CutOff : now;
        var previous = await session.Query<DigestSent>().Where(sent => sent.EnrolmentId == command.EnrolmentId)
            .OrderByDescending(sent => sent.CutOff).FirstOrDefaultAsync(cancellationToken);
        // The first digest looks back a day at most, never before the member joined.
        var since = previous?.CutOff ?? (member.JoinedAt > until.AddDays(-1) ? member.JoinedAt : until.AddDays(-1));
        var threads = await session.Query<DiscussionThread>().Where(thread => thread.CohortId == command.CohortId && thread.LastPostAt > since)
            .ToListAsync(cancellationToken);
        var news = WhatIsNew.For(space, member.EnrolmentId, threads, since, until);

        session.Insert(new DigestSent(DigestSent.IdOf(command.EnrolmentId, command.Day), command.CohortId, command.EnrolmentId, command.Day, until,
            news.Sum(thread => thread.NewPosts.Count)));
        if (news.Count == 0)
        {
            return [];
        }

        var (token, hash) = SigningToken.New();
        session.Insert(new DigestOptOutLink(hash, command.CohortId, command.EnrolmentId, now));
        return [Email(space, member, news, token, PublicSite.From(configuration))];
    }

    private static SendEmail Email(CohortSpace space, SpaceMember member, IReadOnlyList<ThreadNews> news, string token, PublicSite site) =>
        EmailTemplate.Of(typeof(CommunityModule).Assembly, "digest").Render(member.Email, member.Name, site, new Dictionary<string, object?>
        {
            ["SpaceName"] = space.Name,
            ["FirstName"] = member.FirstName,
            ["HasReplies"] = news.Any(thread => thread.Theirs),
            ["Replies"] = news.Where(thread => thread.Theirs).Select(thread => Line(space, thread, site)).ToList(),
            ["HasChannelNews"] = news.Any(thread => !thread.Theirs),
            ["ChannelNews"] = news.Where(thread => !thread.Theirs).Select(thread => Line(space, thread, site)).ToList(),
            ["OptOutUrl"] = site.Url(DigestPaths.OptOut(token)),
            ["NotificationsUrl"] = site.Url(SpacePaths.Of(space.CohortId, SpacePaths.Notifications)),
        });

    private static IReadOnlyDictionary<string, object?> Line(CohortSpace space, ThreadNews news, PublicSite site) => new Dictionary<string, object?>
    {
        ["Subject"] = news.Thread.Subject,
        ["Channel"] = space.Groups.FirstOrDefault(group => group.GroupId == news.Thread.ChannelId)?.Name ?? NotificationsTexts.GeneralChannel,
        ["Authors"] = string.Join(", ", news.NewPosts.Select(post => PostAuthors.Label(post.Author, space).Name).Distinct()),
        ["Url"] = site.Url(SpacePaths.Of(space.CohortId, $"{SpacePaths.Discussions}/{news.Thread.Id}")),
    };
}

/// <summary>The addresses of the digest's pages.</summary>
public static class DigestPaths
{
    public const string OptOutBase = "/espace/desabonnement";

    public static string OptOut(string token) => $"{OptOutBase}/{Uri.EscapeDataString(token)}";
}

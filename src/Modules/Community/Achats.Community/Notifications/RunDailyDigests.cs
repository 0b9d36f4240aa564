using Achats.Community.Spaces;
using FluentValidation;
using Marten;
using JasperFx;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Notifications;

/// <summary>The digests of <paramref name="Day"/>: one <see cref="SendDigest"/> per current member of each open space, then the next day's run scheduled.</summary>
public sealed record RunDailyDigests(DateOnly Day);

/// <summary>
/// A day's run, claimed: the first <see cref="RunDailyDigests"/> of a day writes it and carries on; any other of that day
/// (scheduled at a host's start, or redelivered) finds it and stops, so one chain of days goes on whatever the restarts (ADR 0057).
/// </summary>
public sealed record DigestRun(string Id, DateTimeOffset StartedAt, int Digests)
{
    public static string IdOf(DateOnly day) => $"{day:yyyy-MM-dd}";
}

internal sealed class RunDailyDigestsValidator : AbstractValidator<RunDailyDigests>
{
    public RunDailyDigestsValidator() =>
        RuleFor(command => command.Day).NotEmpty();
}

public static class RunDailyDigestsHandler
{
    /// <summary>Two nodes running the same day: the second claim fails, and its retry finds the day claimed.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<DocumentAlreadyExistsException>().RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    public static async Task<OutgoingMessages> Handle(
        RunDailyDigests run, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<DigestRun>(DigestRun.IdOf(run.Day), cancellationToken) is not null)
        {
            return [];
        }

        var schedule = DigestSchedule.From(configuration);
        var spaces = await session.Query<CohortSpace>().Where(space => space.OpenedAt != null && space.ArchivedAt == null).ToListAsync(cancellationToken);
        var digests = Digests(spaces, run.Day, schedule.CutOffOf(run.Day));
        session.Insert(new DigestRun(DigestRun.IdOf(run.Day), time.GetUtcNow(), digests.Count));

        var messages = new OutgoingMessages();
        messages.AddRange(digests);
        var next = run.Day.AddDays(1);
        messages.Add(new RunDailyDigests(next).ScheduledAt(schedule.CutOffOf(next)));
        return messages;
    }

    public static IReadOnlyList<SendDigest> Digests(IEnumerable<CohortSpace> spaces, DateOnly day, DateTimeOffset cutOff) =>
        spaces.Where(space => space.IsOpen)
            .SelectMany(space => space.Members.Where(member => member.IsCurrent).Select(member => new SendDigest(space.CohortId, member.EnrolmentId, day, cutOff)))
            .ToList();
}

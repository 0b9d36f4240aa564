using Achats.Shared.Time;
using FluentValidation;
using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Achats.Audit.Chain;

/// <summary>The audit's night: the chain sealed, the retention rule applied (its own message), then the next night's run scheduled (<c>Audit:SealTime</c>, 02:00 Paris).</summary>
public sealed record RunDailyAudit(DateOnly Day)
{
    public static readonly TimeOnly DefaultTime = new(2, 0);

    public static DailySchedule Schedule(IConfiguration configuration) => DailySchedule.From(configuration, "Audit:SealTime", DefaultTime);
}

/// <summary>A night claimed by its first run: any other run of that night (a second node, a restart) finds it and stops.</summary>
public sealed record AuditRun(string Id, DateTimeOffset StartedAt, long? SealId)
{
    public static string IdOf(DateOnly day) => $"{day:yyyy-MM-dd}";
}

internal sealed class RunDailyAuditValidator : AbstractValidator<RunDailyAudit>
{
    public RunDailyAuditValidator() =>
        RuleFor(run => run.Day).NotEmpty();
}

public static class RunDailyAuditHandler
{
    /// <summary>Two nodes running the same night: the second claim fails, and its retry finds the night claimed.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<DocumentAlreadyExistsException>().RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    public static async Task<OutgoingMessages> Handle(
        RunDailyAudit run, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<AuditRun>(AuditRun.IdOf(run.Day), cancellationToken) is not null)
        {
            return [];
        }

        var sealedChain = await SealChainHeadsHandler.Handle(new SealChainHeads(), session, time, cancellationToken);
        session.Insert(new AuditRun(AuditRun.IdOf(run.Day), time.GetUtcNow(), sealedChain.SealId));

        var next = run.Day.AddDays(1);
        return [new Erasure.ApplyRetention(run.Day), new RunDailyAudit(next).ScheduledAt(RunDailyAudit.Schedule(configuration).CutOffOf(next))];
    }
}

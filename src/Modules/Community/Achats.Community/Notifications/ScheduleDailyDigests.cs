using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Achats.Community.Notifications;

/// <summary>
/// Starts the chain of daily runs when the host has started: the next run is scheduled on the durable queue. Every
/// start (and every node) schedules one; the day's claim (<see cref="DigestRun"/>) lets only one of them go on (ADR 0057).
/// </summary>
internal sealed class ScheduleDailyDigests(IServiceProvider services, TimeProvider time, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var schedule = DigestSchedule.From(configuration);
        var day = schedule.NextDay(time.GetUtcNow());
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().ScheduleAsync(new RunDailyDigests(day), schedule.CutOffOf(day));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

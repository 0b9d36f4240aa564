using Achats.Shared.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Achats.Shared.Messaging;

/// <summary>
/// A chain of daily runs on the durable queue (ADR 0057): at each start the host schedules the next day's message at
/// its time; the message's handler claims its day (a document keyed by the day: a second run of that day finds it and
/// stops), does the day's work and schedules the next day's. Restarts and several nodes keep one chain of days.
/// </summary>
public static class DailyRuns
{
    public static IServiceCollection AddDailyRun<TMessage>(
        this IServiceCollection services, Func<IConfiguration, DailySchedule> schedule, Func<DateOnly, TMessage> message) where TMessage : class =>
        services.AddSingleton<IHostedService>(provider => new ScheduleFirstRun<TMessage>(provider, schedule, message));

    private sealed class ScheduleFirstRun<TMessage>(
        IServiceProvider services, Func<IConfiguration, DailySchedule> schedule, Func<DateOnly, TMessage> message) : IHostedLifecycleService
        where TMessage : class
    {
        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            var daily = schedule(services.GetRequiredService<IConfiguration>());
            var day = daily.NextDay(services.GetRequiredService<TimeProvider>().GetUtcNow());
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().ScheduleAsync(message(day), daily.CutOffOf(day));
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

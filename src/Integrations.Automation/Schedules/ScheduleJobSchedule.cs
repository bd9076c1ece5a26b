using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Integrations.Automation.Schedules;

/// <summary>Registers the minutely schedule job with Hangfire at start-up (idempotent: same id, same schedule).</summary>
internal sealed class ScheduleJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<ScheduleJob>("automation-schedules", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Automation.Schedules;

/// <summary>Registers the minutely schedule job with Hangfire at start-up (idempotent: same id, same schedule).</summary>
internal sealed class ScheduleJobSchedule(IRecurringJobManager jobs, ILogger<ScheduleJobSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<ScheduleJob>("automation-schedules", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }
}

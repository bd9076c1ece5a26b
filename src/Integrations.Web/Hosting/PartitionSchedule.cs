using Hangfire;
using Integrations.Platform.Data.Partitions;
using Integrations.Platform.Jobs;

namespace Integrations.Web.Hosting;

/// <summary>
/// The time-partitioned tables' upkeep as a recurring Hangfire job: every day it creates the weeks ahead and drops (or
/// trims to the rows kept longer) the weeks past their retention. Start-up creates the weeks ahead too
/// (<see cref="DatabaseStartup"/>), so a stopped job never leaves new rows without their week.
/// </summary>
internal sealed class PartitionSchedule(IRecurringJobManager jobs, ILogger<PartitionSchedule> logger) : RecurringSchedule(logger)
{
    public const string JobId = "partitions-maintain";

    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<TimePartitions>(JobId, p => p.MaintainAsync(CancellationToken.None), Cron.Daily(2, 30));
        return Task.CompletedTask;
    }
}

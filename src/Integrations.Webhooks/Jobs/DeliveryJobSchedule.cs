using Hangfire;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Webhooks.Jobs;

/// <summary>Registers the delivery maintenance jobs with Hangfire at start-up (idempotent: same ids, same schedule).</summary>
internal sealed class DeliveryJobSchedule(IRecurringJobManager jobs, ILogger<DeliveryJobSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<LeaseReclaimJob>("webhooks-lease-reclaim", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // Attempts are dropped with their week's partition now (TimePartitions), not deleted by this job.
        jobs.RemoveIfExists("webhooks-attempt-prune");
        jobs.AddOrUpdate<AutoPauseSweepJob>("webhooks-auto-pause", j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }
}

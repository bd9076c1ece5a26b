using Hangfire;
using Integrations.Apps.Posts;
using Integrations.Apps.Syncs;
using Integrations.Apps.Tokens;
using Integrations.Apps.Triggers.Slack;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps;

/// <summary>The apps' recurring jobs: due token refreshes, due syncs and due posts every minute; tokens about to expire for good and old Slack event receipts hourly.</summary>
internal sealed class AppsJobSchedule(IRecurringJobManager jobs, ILogger<AppsJobSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<TokenRefreshJob>(TokenRefreshJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<SyncScheduleJob>(SyncScheduleJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<PostPublisher>(PostPublisher.Id, j => j.RunDueAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ConnectionExpiringJob>(ConnectionExpiringJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly(5));
        jobs.AddOrUpdate<SlackEventReceiptPruneJob>(SlackEventReceiptPruneJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly(20));
        return Task.CompletedTask;
    }
}

using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>Registers the hourly pruning of Slack event receipts with Hangfire at start-up (same id, same schedule: idempotent).</summary>
internal sealed class SlackEventJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<SlackEventReceiptPruneJob>(SlackEventReceiptPruneJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly(20));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

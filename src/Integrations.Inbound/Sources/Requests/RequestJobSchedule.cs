using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>Registers the request log's daily pruning with Hangfire at start-up (same id, same schedule: idempotent).</summary>
internal sealed class RequestJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RequestLogPruneJob>(RequestLogPruneJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(4));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Hangfire;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Registers the daily pruning of the request log and of expired body hashes with Hangfire at start-up (same ids, same
/// schedules: idempotent).
/// </summary>
internal sealed class RequestJobSchedule(IRecurringJobManager jobs, ILogger<RequestJobSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<RequestLogPruneJob>(RequestLogPruneJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(4));
        jobs.AddOrUpdate<BodyHashPruneJob>(BodyHashPruneJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(4, 30));
        return Task.CompletedTask;
    }
}

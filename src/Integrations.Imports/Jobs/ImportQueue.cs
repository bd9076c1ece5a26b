using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Imports.Jobs;

/// <summary>Hands a saved import to Hangfire and records Hangfire's id on it. When Hangfire cannot take it, the job
/// stays queued without an id and <see cref="QueuedImportSweep"/> tries again.</summary>
public sealed class ImportQueue(IntegrationsDbContext db, IBackgroundJobClient jobs, ILogger<ImportQueue> logger)
{
    internal async Task EnqueueAsync(Guid jobId, CancellationToken ct)
    {
        string backgroundJobId;
        try
        {
            backgroundJobId = jobs.Enqueue<ImportJobRunner>(runner => runner.RunAsync(jobId, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {ImportId} saved but not queued; the sweep queues it again", jobId);
            return;
        }

        await db.Set<ImportJob>().IgnoreQueryFilters().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.BackgroundJobId, backgroundJobId), ct);
    }
}

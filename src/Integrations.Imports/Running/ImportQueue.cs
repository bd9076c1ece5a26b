using Hangfire;
using Integrations.Imports.Jobs;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Imports.Running;

/// <summary>Hands a saved import to Hangfire and records Hangfire's id on it. When Hangfire cannot take it, the job
/// stays queued without an id and <see cref="QueuedImportSweep"/> tries again.</summary>
internal sealed class ImportQueue(IntegrationsDbContext db, IBackgroundJobClient jobs, ILogger<ImportQueue> logger)
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

        // Best effort: the job is queued either way. Without the id the sweep queues it once more, and the runner stops
        // a second run of a job that is already running, so the upload is never answered with an error it survived.
        try
        {
            await db.Set<ImportJob>().IgnoreQueryFilters().Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.BackgroundJobId, backgroundJobId), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Import {ImportId} queued as {BackgroundJobId}, but the id was not saved", jobId, backgroundJobId);
        }
    }
}

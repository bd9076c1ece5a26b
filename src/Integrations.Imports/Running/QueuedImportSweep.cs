using Hangfire;
using Integrations.Imports.Jobs;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Imports.Running;

/// <summary>
/// Recurring (Hangfire): queues again the imports whose enqueue failed after they were saved, so none waits forever.
/// A job is left a minute first, for the request that saved it to enqueue it.
/// </summary>
internal sealed class QueuedImportSweep(IntegrationsDbContext db, ImportQueue queue, TimeProvider clock, ILogger<QueuedImportSweep> logger)
{
    internal static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Grace;
        var stranded = await db.Set<ImportJob>().IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Status == ImportJobStatus.Queued && j.BackgroundJobId == null && j.CreatedAt < before)
            .Select(j => j.Id).ToListAsync(ct);
        foreach (var id in stranded)
        {
            logger.LogWarning("Import {ImportId} was never queued in Hangfire; queuing it now", id);
            await queue.EnqueueAsync(id, ct);
        }

        return stranded.Count;
    }
}

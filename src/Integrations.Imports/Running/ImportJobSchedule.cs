using Hangfire;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Imports.Running;

/// <summary>Registers the imports' recurring sweep with Hangfire at start-up (idempotent: same id, same schedule).</summary>
internal sealed class ImportJobSchedule(IRecurringJobManager jobs, ILogger<ImportJobSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<QueuedImportSweep>("imports-queued-sweep", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }
}

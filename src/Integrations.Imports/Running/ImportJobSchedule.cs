using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Integrations.Imports.Running;

/// <summary>Registers the imports' recurring sweep with Hangfire at start-up (idempotent: same id, same schedule).</summary>
internal sealed class ImportJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<QueuedImportSweep>("imports-queued-sweep", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

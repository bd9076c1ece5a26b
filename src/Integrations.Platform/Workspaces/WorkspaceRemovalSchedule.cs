using Hangfire;
using Integrations.Platform.Jobs;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Workspaces;

/// <summary>Registers the hourly job that finishes deletions a lost job left (idempotent: same id, same schedule).</summary>
internal sealed class WorkspaceRemovalSchedule(IRecurringJobManager jobs, ILogger<WorkspaceRemovalSchedule> logger) : RecurringSchedule(logger)
{
    protected override Task RegisterAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<WorkspaceSweep>(WorkspaceSweep.ResumeJobId, s => s.ResumeAsync(CancellationToken.None), Cron.Hourly(40));
        return Task.CompletedTask;
    }
}

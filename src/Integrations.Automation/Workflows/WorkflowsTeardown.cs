using Integrations.Automation.Runs;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Workflows;

/// <summary>A deleted workspace's workflows are turned off and its unfinished runs stopped, so no schedule fires and no
/// run waiting in a delay goes on to call anyone.</summary>
internal sealed class WorkflowsTeardown(IntegrationsDbContext db, TimeProvider clock) : IWorkspaceTeardown
{
    public async Task StopAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Workflow>().IgnoreQueryFilters().Where(w => w.WorkspaceId == workspaceId && w.Enabled)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.Enabled, false).SetProperty(x => x.UpdatedAt, now), ct);
        await db.Set<WorkflowRun>().IgnoreQueryFilters()
            .Where(r => r.WorkspaceId == workspaceId && (r.Status == RunStatus.Running || r.Status == RunStatus.Waiting))
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RunStatus.Stopped).SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.Error, "The workspace was deleted."), ct);
    }
}

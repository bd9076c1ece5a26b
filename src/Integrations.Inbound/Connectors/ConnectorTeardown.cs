using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Connectors;

/// <summary>A deleted workspace's connectors are turned off and their recurring jobs removed, so none runs again.</summary>
internal sealed class ConnectorTeardown(IntegrationsDbContext db, ConnectorSchedules schedules) : IWorkspaceTeardown
{
    public async Task StopAsync(Guid workspaceId, CancellationToken ct)
    {
        var connectors = db.Set<Connector>().IgnoreQueryFilters().Where(c => c.WorkspaceId == workspaceId);
        foreach (var id in await connectors.Select(c => c.Id).ToListAsync(ct))
        {
            schedules.Remove(id);
        }

        await connectors.Where(c => c.Enabled).ExecuteUpdateAsync(c => c.SetProperty(x => x.Enabled, false), ct);
    }
}

using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Sources;

/// <summary>A deleted workspace's inbound sources stop taking requests: at once on this instance, within the source
/// cache's 30 seconds on the others.</summary>
internal sealed class SourcesTeardown(IntegrationsDbContext db, SourceCache cache) : IWorkspaceTeardown
{
    public async Task StopAsync(Guid workspaceId, CancellationToken ct)
    {
        var sources = db.Set<InboundSource>().IgnoreQueryFilters().Where(s => s.WorkspaceId == workspaceId);
        await sources.Where(s => s.Enabled).ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false), ct);
        foreach (var id in await sources.Select(s => s.Id).ToListAsync(ct))
        {
            cache.Forget(id);
        }
    }
}

using Integrations.Apps.Posts;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Connections;

/// <summary>
/// A deleted workspace's apps: at once its connections stop (no sync, refresh, trigger or action uses a disconnected
/// one) and its scheduled posts are canceled; then the removal job disconnects each at its provider as the Disconnect
/// button does (the app's own clean-up, such as Calendly's webhook, and revoking the grant), before the rows go.
/// </summary>
internal sealed partial class ConnectionsTeardown(IntegrationsDbContext db, AppConnections connections, TimeProvider clock, ILogger<ConnectionsTeardown> log)
    : IWorkspaceTeardown
{
    public async Task StopAsync(Guid workspaceId, CancellationToken ct)
    {
        await db.Set<AppConnection>().IgnoreQueryFilters()
            .Where(c => c.WorkspaceId == workspaceId && c.Status != ConnectionStatus.Disconnected)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, ConnectionStatus.Disconnected), ct);
        await db.Set<ScheduledPost>().IgnoreQueryFilters()
            .Where(p => p.WorkspaceId == workspaceId && p.Status == PostStatus.Scheduled)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PostStatus.Canceled).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
    }

    public async Task ReleaseAsync(Guid workspaceId, CancellationToken ct)
    {
        var ids = await db.Set<AppConnection>().IgnoreQueryFilters().Where(c => c.WorkspaceId == workspaceId).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids.Select(id => PublicId.Format(IdPrefixes.AppConnection, id)))
        {
            try
            {
                if (await connections.DisconnectAsync(id, ct) is { RevokeError: { } error })
                {
                    LogNotRevoked(id, error);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogNotRevoked(id, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} of a deleted workspace was not revoked at its provider: {Error}")]
    private partial void LogNotRevoked(string connectionId, string error);
}

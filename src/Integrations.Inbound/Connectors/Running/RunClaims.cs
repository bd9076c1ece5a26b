using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// Starts a run row, the connector's lock: the partial unique index refuses a second queued or running run. Rows a
/// dead process left behind (no heartbeat for <see cref="ConnectorOptions.StaleRunAfter"/>) are ended first.
/// </summary>
internal sealed class RunClaims(IntegrationsDbContext db, TimeProvider clock, IOptions<ConnectorOptions> options)
{
    public async Task<ConnectorRun?> TryAddAsync(Connector connector, string trigger, string status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stale = now - options.Value.StaleRunAfter;
        await db.Set<ConnectorRun>().IgnoreQueryFilters()
            .Where(r => r.ConnectorId == connector.Id && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running) && r.HeartbeatAt < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "Interrupted: the app stopped during this run. The next run starts from the last saved cursor."), ct);
        var run = new ConnectorRun
        {
            Id = Platform.Ids.PublicId.NewId(clock),
            WorkspaceId = connector.WorkspaceId,
            ConnectorId = connector.Id,
            Trigger = trigger,
            Status = status,
            CreatedAt = now,
            StartedAt = status == RunStatus.Running ? now : null,
            HeartbeatAt = now,
            CursorSent = status == RunStatus.Running ? connector.CursorValue : null,
        };
        db.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            return run;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(run).State = EntityState.Detached;
            return null;
        }
    }
}

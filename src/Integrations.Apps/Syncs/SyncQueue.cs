using Hangfire;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Integrations.Apps.Tokens;
using Npgsql;

namespace Integrations.Apps.Syncs;

/// <summary>
/// Puts syncs in Hangfire's queue: the ones that are due (every minute, from <see cref="SyncScheduleJob"/>) and a
/// connection's on "Sync now". A sync row exists for every sync of every connection's app, made on first need;
/// moving it to <c>queued</c> before the job is enqueued keeps one job per sync, and a queued row whose job was lost
/// (a crash between the two) is queued again after the stale time.
/// </summary>
internal sealed class SyncQueue(
    IntegrationsDbContext db, AppCatalogue catalogue, IBackgroundJobClient jobs, TimeProvider clock, IOptions<ConnectionOptions> options)
{
    /// <summary>Queues every sync of the connection now, unless it is queued or running already.</summary>
    public async Task<IReadOnlyList<AppSync>> QueueConnectionAsync(AppConnection connection, CancellationToken ct)
    {
        await EnsureRowsAsync(connection.Id, ct);
        var now = clock.GetUtcNow();
        var ids = await db.Set<AppSync>().Where(s => s.ConnectionId == connection.Id && s.Status == SyncStatus.Idle).Select(s => s.Id).ToListAsync(ct);
        await QueueAsync(ids, now, ct);
        return await db.Set<AppSync>().AsNoTracking().Where(s => s.ConnectionId == connection.Id).OrderBy(s => s.SyncId).ToListAsync(ct);
    }

    /// <summary>Queues what is due across every workspace; how many.</summary>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        await EnsureRowsAsync(null, ct);
        var now = clock.GetUtcNow();
        var stale = now - options.Value.StaleSyncAfter;
        var due = await db.Set<AppSync>().IgnoreQueryFilters()
            .Where(s => db.Set<AppConnection>().IgnoreQueryFilters().Any(c => c.Id == s.ConnectionId
                && (c.Status == ConnectionStatus.Active || c.Status == ConnectionStatus.RefreshFailing)))
            .Where(s => (s.Status == SyncStatus.Idle && s.NextRunAt <= now)
                || (s.Status == SyncStatus.Queued && s.NextRunAt < stale)
                || (s.Status == SyncStatus.Running && s.HeartbeatAt < stale))
            .OrderBy(s => s.NextRunAt).Select(s => s.Id).Take(1000).ToListAsync(ct);
        await QueueAsync(due, now, ct);
        return due.Count;
    }

    private async Task QueueAsync(List<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        // A stale running row stays "running": the runner claims it by its old heartbeat.
        await db.Set<AppSync>().IgnoreQueryFilters().Where(s => ids.Contains(s.Id) && s.Status != SyncStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SyncStatus.Queued).SetProperty(r => r.NextRunAt, now), ct);
        foreach (var id in ids)
        {
            jobs.Enqueue<SyncRunner>(runner => runner.RunAsync(id, CancellationToken.None));
        }
    }

    // One row per (connection, sync its app offers); new connections and syncs added to the catalogue get theirs.
    private async Task EnsureRowsAsync(Guid? connectionId, CancellationToken ct)
    {
        var pairs = catalogue.All.SelectMany(app => app.Syncs.Select(sync => (App: app.Id, Sync: sync.Id))).ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO app_syncs (id, workspace_id, connection_id, sync_id, status, next_run_at, items_synced)
            SELECT gen_random_uuid(), c.workspace_id, c.id, p.sync_id, 'idle', @now, 0
            FROM app_connections c
            JOIN unnest(@apps, @syncs) AS p(app_id, sync_id) ON p.app_id = c.app_id
            WHERE (@connection IS NULL OR c.id = @connection)
            ON CONFLICT (connection_id, sync_id) DO NOTHING
            """,
            [
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("apps", pairs.Select(p => p.App).ToArray()),
                new NpgsqlParameter("syncs", pairs.Select(p => p.Sync).ToArray()),
                new NpgsqlParameter("connection", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)connectionId ?? DBNull.Value },
            ],
            ct);
    }
}

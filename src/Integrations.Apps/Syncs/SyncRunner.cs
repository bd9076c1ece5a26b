using Hangfire;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Connect;
using Integrations.Apps.Security;
using Integrations.Apps.Tokens;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Syncs;

/// <summary>
/// The Hangfire job of one sync run: claims the sync's row (queued, or running without a heartbeat), reads pages
/// until the provider has no more or the run's page budget is spent, and ends with the next run's time. A throttled
/// provider (429) moves the next run to its <c>Retry-After</c>; a connection that needs connecting again stops it. A run
/// that spent its budget with pages left queues the next one at once, behind whatever else waits in Hangfire's queue, so
/// a long backfill goes on without waiting for the minutely schedule and without holding a worker to itself.
/// </summary>
internal sealed class SyncRunner(
    IntegrationsDbContext db,
    Caller caller,
    AppCatalogue catalogue,
    IEnumerable<IAppSync> syncs,
    AppSecrets secrets,
    TimeProvider clock,
    IOptions<ConnectionOptions> options,
    IBackgroundJobClient jobs,
    ILogger<SyncRunner> log)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid syncId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stale = now - options.Value.StaleSyncAfter;
        var claimed = await db.Set<AppSync>().IgnoreQueryFilters()
            .Where(s => s.Id == syncId && (s.Status == SyncStatus.Queued || (s.Status == SyncStatus.Running && s.HeartbeatAt < stale)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SyncStatus.Running).SetProperty(r => r.StartedAt, now).SetProperty(r => r.HeartbeatAt, now), ct);
        if (claimed == 0)
        {
            return;
        }

        var sync = await db.Set<AppSync>().IgnoreQueryFilters().SingleAsync(s => s.Id == syncId, ct);
        var connection = await db.Set<AppConnection>().IgnoreQueryFilters().SingleAsync(c => c.Id == sync.ConnectionId, ct);
        var app = catalogue.Find(connection.AppId);
        var runner = syncs.FirstOrDefault(s => s.AppId == connection.AppId && s.SyncId == sync.SyncId);
        caller.Act(connection.WorkspaceId, ActorType.System, PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            $"{app?.Name ?? connection.AppId} ({connection.Account})", ChangeSource.App);
        var next = options.Value.SyncInterval;
        var more = false;
        string? error = null;
        try
        {
            if (app is null || runner is null)
            {
                error = $"The {connection.AppId} app no longer offers the {sync.SyncId} sync.";
            }
            else
            {
                more = await RunPagesAsync(app, connection, sync, runner, ct);
            }
        }
        catch (ProviderThrottledException e)
        {
            next = e.RetryAfter;
            error = $"{e.Message}; the sync goes on after {e.RetryAfter.TotalSeconds:N0} s from its last checkpoint.";
        }
        catch (ProviderException e)
        {
            error = $"The provider refused the sync: {e.Message}";
        }
        catch (ConnectionUnusableException e)
        {
            error = e.Message;
        }
        catch (SettingMissingException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Sync {SyncId} of connection {ConnectionId} stopped unexpectedly", sync.SyncId, connection.Id);
            error = "The sync stopped unexpectedly; the error was logged. It goes on from its last checkpoint.";
        }

        await EndAsync(sync, error, more ? null : next);
    }

    // True when the page budget ran out with pages left: the next run starts at once.
    private async Task<bool> RunPagesAsync(AppDefinition app, AppConnection connection, AppSync sync, IAppSync runner, CancellationToken ct)
    {
        var context = new SyncContext(app, connection, ConnectionSettings.Of(connection, secrets), sync.Checkpoint,
            (write, checkpoint, token) => SavePageAsync(sync, write, checkpoint, token));
        try
        {
            for (var page = 0; page < options.Value.SyncPagesPerRun; page++)
            {
                if (!await runner.RunPageAsync(context, ct))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            await context.DropAheadAsync();
        }
    }

    private async Task SavePageAsync(AppSync sync, Func<CancellationToken, Task<int>> write, string? checkpoint, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var items = await write(ct);
        sync.Checkpoint = checkpoint;
        sync.ItemsSynced += items;
        sync.HeartbeatAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <param name="next">When the next run is due; null when it goes on at once.</param>
    private async Task EndAsync(AppSync sync, string? error, TimeSpan? next)
    {
        var now = clock.GetUtcNow();
        // Queued before its job is enqueued, as SyncQueue does: a crash between the two leaves a row the schedule
        // queues again once it is stale.
        sync.Status = next is null ? SyncStatus.Queued : SyncStatus.Idle;
        sync.FinishedAt = now;
        sync.NextRunAt = now + (next ?? TimeSpan.Zero);
        if (error is not null)
        {
            sync.LastError = ProviderErrors.Bounded(error);
            sync.LastErrorAt = now;
            log.LogWarning("Sync {SyncId} of connection {ConnectionId}: {Error}", sync.SyncId, sync.ConnectionId, error);
        }

        // Saved whatever the job's token says: a run that is stopping still leaves its row ready for the next one.
        await db.SaveChangesAsync(CancellationToken.None);
        if (next is null)
        {
            var id = sync.Id;
            jobs.Enqueue<SyncRunner>(runner => runner.RunAsync(id, CancellationToken.None));
        }
    }
}

using System.Collections.Concurrent;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Automation.Runs;

/// <summary>
/// Keeps the leases of the runs this instance works on from running out while a step takes long (an app that is slow to
/// answer): every third of the lease, one statement extends them all. A run that ended, parked or waits to retry holds
/// no lease and is left alone; a run whose progress is being written at that moment is skipped (its write sets its
/// lease), so the renewal never waits on, or deadlocks with, the executor's own writes; an instance that crashed renews nothing, so its runs are claimed again when their leases
/// run out.
/// </summary>
internal sealed partial class RunLeases(
    IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<AutomationOptions> options, ILogger<RunLeases> log)
{
    private const string Renew =
        """
        UPDATE workflow_runs SET lease_until = @lease_until
        WHERE id IN (SELECT id FROM workflow_runs
                     WHERE id = ANY(@ids) AND status = 'running' AND lease_until IS NOT NULL
                     FOR UPDATE SKIP LOCKED)
        """;

    private readonly ConcurrentDictionary<Guid, byte> working = new();

    public void Enter(Guid run) => working[run] = 0;

    public void Leave(Guid run) => working.TryRemove(run, out _);

    public async Task KeepAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.LeaseSeconds) / 3, clock, ct);
            try
            {
                await RenewAsync(ct);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                RenewFailed(error);
            }
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        var ids = working.Keys.ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlRawAsync(Renew,
            [new NpgsqlParameter("ids", ids), new NpgsqlParameter("lease_until", clock.GetUtcNow().AddSeconds(options.CurrentValue.LeaseSeconds))], ct);
    }

    [LoggerMessage(LogLevel.Warning, "Renewing the leases of workflow runs failed; trying again in a third of the lease")]
    private partial void RenewFailed(Exception error);
}

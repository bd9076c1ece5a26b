using Integrations.Platform.Data;
using Integrations.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Automation.Runs;

/// <summary>
/// The run executor, shaped like the webhook dispatcher: claims due runs in batches (woken by the NOTIFY that written
/// runs send on commit, by a poll, or by freed capacity) and works on each in its own scope, up to
/// <c>MaxInFlight</c> at once. Several instances share the work through SKIP LOCKED and leases.
/// </summary>
internal sealed partial class RunExecutor(
    IServiceScopeFactory scopes,
    RunClaim claim,
    IOptionsMonitor<AutomationOptions> options,
    ILogger<RunExecutor> log) : BackgroundService
{
    private readonly WakeSignal wake = new();
    private int inFlight;

    /// <summary>Look for due runs now (tests call this after moving the clock).</summary>
    public void Wake() => wake.Ring();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(await ConnectionStringAsync());
        var listening = PostgresListener.ListenAsync(dataSource.ConnectionString, RunWriter.Channel, _ => wake.Ring(), wake.Ring, log, stoppingToken);
        try
        {
            await ClaimLoopAsync(dataSource, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: stop claiming; what is in flight finishes its step (or its lease expires).
        }

        for (var waited = 0; Volatile.Read(ref inFlight) > 0 && waited < 200; waited++)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        await listening.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ClaimLoopAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var room = Math.Min(settings.BatchSize, settings.MaxInFlight - Volatile.Read(ref inFlight));
            var claimed = 0;
            if (room > 0)
            {
                try
                {
                    List<Guid> runs;
                    await using (var connection = await dataSource.OpenConnectionAsync(ct))
                    {
                        runs = await claim.ClaimAsync(connection, room, TimeSpan.FromSeconds(settings.LeaseSeconds), ct);
                    }

                    claimed = runs.Count;
                    foreach (var run in runs)
                    {
                        Interlocked.Increment(ref inFlight);
                        _ = Task.Run(() => WorkAsync(run, ct), CancellationToken.None);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A failed claim must not end the executor (and with it the host); the next poll tries again.
                    ClaimFailed(error);
                }
            }

            if (room > 0 && claimed == room)
            {
                continue;
            }

            await wake.WaitAsync(settings.PollInterval, ct);
        }
    }

    private async Task WorkAsync(Guid runId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RunStepper>().RunAsync(runId, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Its lease runs out and it is claimed again.
            RunFailed(error, runId);
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-step: the lease runs out and another instance (or the next start) goes on.
        }
        finally
        {
            if (Interlocked.Decrement(ref inFlight) == options.CurrentValue.MaxInFlight - 1)
            {
                wake.Ring();
            }
        }
    }

    private async Task<string> ConnectionStringAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
    }

    [LoggerMessage(LogLevel.Warning, "Claiming workflow runs failed; trying again at the next poll")]
    private partial void ClaimFailed(Exception error);

    [LoggerMessage(LogLevel.Error, "Working on workflow run {RunId} failed; its lease will expire and it will be claimed again")]
    private partial void RunFailed(Exception error, Guid runId);
}

using Integrations.Platform.Data;
using Integrations.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Automation.Runs;

/// <summary>
/// The run executor, shaped like the webhook dispatcher: claims due runs in batches (woken by the NOTIFY that written
/// runs send on commit, by a poll, or by a quarter of its capacity freed) and works on each in its own scope, up to
/// <c>MaxInFlight</c> at once. Several instances share the work through SKIP LOCKED and leases, which it renews
/// while its runs' steps take long (<see cref="RunLeases"/>).
/// </summary>
internal sealed partial class RunExecutor(
    IServiceScopeFactory scopes,
    RunClaim claim,
    RunLeases leases,
    IOptionsMonitor<AutomationOptions> options,
    ILogger<RunExecutor> log) : BackgroundService
{
    // After a ring, let a few more arrive so one claim takes them together.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(5);

    private readonly WakeSignal wake = new();
    private int inFlight;

    /// <summary>Look for due runs now (tests call this after moving the clock).</summary>
    public void Wake() => wake.Ring();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = PostgresListener.ListenAsync(await ConnectionStringAsync(), RunWriter.Channel, _ => wake.Ring(), wake.Ring, log, stoppingToken);
        var renewing = leases.KeepAsync(stoppingToken);
        try
        {
            await ClaimLoopAsync(stoppingToken);
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
        await renewing.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ClaimLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var busy = Volatile.Read(ref inFlight);
            var room = Math.Min(settings.BatchSize, settings.MaxInFlight - busy);
            var claimed = 0;
            // Near capacity, wait until a quarter is free rather than claim a run or two at a time.
            if (room > 0 && (room >= Refill(settings) || busy < Refill(settings)))
            {
                try
                {
                    List<WorkflowRun> runs;
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
                        runs = await claim.ClaimAsync(db, room, TimeSpan.FromSeconds(settings.LeaseSeconds), ct);
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
            await Task.Delay(Coalesce, ct);
        }
    }

    private static int Refill(AutomationOptions settings) => Math.Max(1, Math.Min(settings.BatchSize, settings.MaxInFlight) / 4);

    private async Task WorkAsync(WorkflowRun run, CancellationToken ct)
    {
        leases.Enter(run.Id);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RunStepper>().RunAsync(run, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Its lease runs out and it is claimed again.
            RunFailed(error, run.Id);
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-step: the lease runs out and another instance (or the next start) goes on.
        }
        finally
        {
            leases.Leave(run.Id);
            var settings = options.CurrentValue;
            if (Interlocked.Decrement(ref inFlight) == settings.MaxInFlight - Refill(settings))
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

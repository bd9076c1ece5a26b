using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Jobs;

/// <summary>
/// Registers a module's recurring Hangfire jobs at start-up. Registering a job takes Hangfire's lock of it, and an
/// instance killed while holding one leaves it held until Hangfire's lock timeout: then the start goes on without
/// waiting for it, and the jobs are registered in the background once the lock is free.
/// </summary>
public abstract partial class RecurringSchedule(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    /// <summary>Adds, updates or removes the jobs; idempotent (same ids, same schedules).</summary>
    protected abstract Task RegisterAsync(CancellationToken ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RegisterAsync(cancellationToken);
        }
        catch (DistributedLockTimeoutException error)
        {
            LockHeld(error, GetType().Name);
            // Runs ExecuteAsync, and the host stops it (or it ends) as any background service.
            await base.StartAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await Task.Delay(Pause, stoppingToken);
            try
            {
                await RegisterAsync(stoppingToken);
                Registered(GetType().Name);
                return;
            }
            catch (DistributedLockTimeoutException)
            {
                // Still held; Hangfire frees it at its lock timeout.
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Schedule}: a Hangfire lock is held, probably by an instance that died; registering its recurring jobs in the background once it is free")]
    private partial void LockHeld(Exception error, string schedule);

    [LoggerMessage(LogLevel.Information, "{Schedule}: recurring jobs registered")]
    private partial void Registered(string schedule);
}

using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Jobs;

/// <summary>
/// Registers a module's recurring Hangfire jobs at start-up. Registering a job takes Hangfire's lock of it, and an
/// instance killed while holding one leaves it held until Hangfire's lock timeout: then the start goes on without
/// waiting for it, and the jobs are registered in the background once the lock is free.
/// </summary>
public abstract partial class RecurringSchedule(ILogger logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stopping = new();
    private Task retrying = Task.CompletedTask;

    /// <summary>Adds, updates or removes the jobs; idempotent (same ids, same schedules).</summary>
    protected abstract Task RegisterAsync(CancellationToken ct);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RegisterAsync(cancellationToken);
        }
        catch (DistributedLockTimeoutException error)
        {
            LockHeld(error, GetType().Name);
            retrying = RetryAsync(stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await retrying.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(Pause, ct);
            try
            {
                await RegisterAsync(ct);
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

using System.Collections.Concurrent;
using System.Threading.Channels;
using Integrations.Platform.Data;
using Integrations.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// The hot path of webhook delivery. One loop claims due deliveries in batches (woken by NOTIFY, by a poll, by
/// freed capacity, or at once again when a claim came back full) and starts their POSTs without awaiting them;
/// another writes finished attempts back in batches. An endpoint gets at most <c>MaxConcurrencyPerEndpoint</c>
/// POSTs at a time and no new claims while it has that many outstanding, so a slow one never holds up the rest.
/// </summary>
internal sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    DeliveryClaim claim,
    DeliveryResults results,
    DeliverySender sender,
    DeliveryNotifications notifications,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> log) : BackgroundService
{
    private const int WriteBatch = 2000;
    // After a partial claim, let a few more rings arrive so the next claim takes them together.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan SecondMargin = TimeSpan.FromMilliseconds(2);

    private readonly WakeSignal wake = new();
    private readonly Channel<AttemptResult> finished = Channel.CreateUnbounded<AttemptResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, EndpointLane> lanes = new();
    private int inFlight;
    private Guid[] throttledReady = [];
    private int secondRingArmed;

    /// <summary>Look for due deliveries now (tests call this after moving the clock).</summary>
    public void Wake() => wake.Ring();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(await ConnectionStringAsync());
        var listening = notifications.ListenAsync(dataSource.ConnectionString, wake, stoppingToken);
        var writing = WriteLoopAsync(dataSource);
        try
        {
            await ClaimLoopAsync(dataSource, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: stop claiming, let what is in flight finish and be written.
        }

        await DrainAsync();
        finished.Writer.Complete();
        await writing;
        await listening.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ClaimLoopAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var room = Math.Min(settings.BatchSize, settings.MaxInFlight - Volatile.Read(ref inFlight));
            var more = false;
            if (room > 0)
            {
                try
                {
                    more = await ClaimAndStartAsync(dataSource, room, settings, ct);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A failed claim must not end the dispatcher (and with it the host); the next poll tries again.
                    ClaimFailed(error);
                }
            }

            if (more)
            {
                continue;
            }

            await wake.WaitAsync(settings.PollInterval, ct);
            await Task.Delay(Coalesce, ct);
        }
    }

    /// <summary>Claims and starts what there is room for; true when there may be more to claim right away.</summary>
    private async Task<bool> ClaimAndStartAsync(NpgsqlDataSource dataSource, int room, WebhookOptions settings, CancellationToken ct)
    {
        var perEndpoint = settings.MaxConcurrencyPerEndpoint;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var busy = lanes.Where(l => l.Value.Outstanding >= perEndpoint).Select(l => l.Key).ToArray();
        var ready = throttledReady.Except(busy).ToArray();
        var claimed = new List<ClaimedDelivery>();
        OpenClaim open;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            // Throttled endpoints first, so claims full of open endpoints' deliveries cannot starve them.
            if (ready.Length > 0)
            {
                claimed.AddRange(await claim.ClaimThrottledAsync(connection, room, perEndpoint, ready, lease, ct));
            }

            open = await claim.ClaimAsync(connection, room - claimed.Count, perEndpoint, busy, lease, ct);
        }

        claimed.AddRange(open.Claimed);
        throttledReady = open.Throttled.Where(t => !t.BudgetSpent).Select(t => t.Id).ToArray();
        if (open.Throttled.Find(t => t.BudgetSpent) is { } waiting)
        {
            RingAtNextSecond(waiting.UntilNextSecond);
        }

        foreach (var delivery in claimed)
        {
            var lane = lanes.GetOrAdd(delivery.SubscriptionId, _ => new EndpointLane(perEndpoint));
            lane.Enter();
            Interlocked.Increment(ref inFlight);
            _ = SendAsync(delivery, lane, settings);
        }

        // A throttled endpoint this claim did not try yet is tried at once; one it tried waits for a ring or the poll.
        return claimed.Count == room || (ready.Length == 0 && throttledReady.Length > 0);
    }

    /// <summary>An endpoint waits for its next second's budget: look again as that second starts, once however many wait.</summary>
    private void RingAtNextSecond(TimeSpan wait)
    {
        if (Interlocked.Exchange(ref secondRingArmed, 1) == 1)
        {
            return;
        }

        // The budget's second is the database's, so this waits real time even when the app's clock is a test's.
        _ = Task.Delay(wait + SecondMargin, TimeProvider.System).ContinueWith(_ =>
        {
            Volatile.Write(ref secondRingArmed, 0);
            wake.Ring();
        }, TaskScheduler.Default);
    }

    private async Task SendAsync(ClaimedDelivery delivery, EndpointLane lane, WebhookOptions settings)
    {
        await lane.Slots.WaitAsync();
        try
        {
            finished.Writer.TryWrite(await sender.SendAsync(delivery));
        }
        finally
        {
            lane.Slots.Release();
            var freedEndpoint = lane.Leave() == settings.MaxConcurrencyPerEndpoint - 1;
            var freedDispatcher = Interlocked.Decrement(ref inFlight) == settings.MaxInFlight - 1;
            if (freedEndpoint || freedDispatcher)
            {
                wake.Ring();
            }
        }
    }

    private async Task WriteLoopAsync(NpgsqlDataSource dataSource)
    {
        var batch = new List<AttemptResult>(WriteBatch);
        while (await finished.Reader.WaitToReadAsync())
        {
            while (batch.Count < WriteBatch && finished.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            await WriteAsync(dataSource, batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(NpgsqlDataSource dataSource, List<AttemptResult> batch)
    {
        var failed = await BatchWrite.TryAsync(dataSource, connection => results.WriteAsync(connection, batch, CancellationToken.None),
            error => WriteRetrying(error, batch.Count));
        if (failed is null)
        {
            Written(batch.Count);
            if (batch.Exists(r => r.Delivery.Throttled))
            {
                // Their leases are released: a throttled endpoint has room again.
                wake.Ring();
            }
        }
        else
        {
            // Their leases run out and they are sent again: at least once, as promised.
            WriteFailed(failed, batch.Count);
        }
    }

    private async Task DrainAsync()
    {
        var deadline = clock.GetTimestamp();
        while (Volatile.Read(ref inFlight) > 0 && clock.GetElapsedTime(deadline) < options.CurrentValue.AttemptTimeout * 2)
        {
            await Task.Delay(50);
        }
    }

    private async Task<string> ConnectionStringAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
    }

    [LoggerMessage(LogLevel.Warning, "Claiming webhook deliveries failed; trying again at the next poll")]
    private partial void ClaimFailed(Exception error);

    [LoggerMessage(LogLevel.Debug, "Recorded {AttemptCount} webhook delivery attempts")]
    private partial void Written(int attemptCount);

    [LoggerMessage(LogLevel.Warning, "Recording {AttemptCount} webhook delivery attempts failed; retrying")]
    private partial void WriteRetrying(Exception error, int attemptCount);

    [LoggerMessage(LogLevel.Error, "Recording {AttemptCount} webhook delivery attempts failed; their leases will expire and they will be sent again")]
    private partial void WriteFailed(Exception error, int attemptCount);
}

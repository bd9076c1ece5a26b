using System.Threading.RateLimiting;
using Integrations.Platform.Limits;

namespace Integrations.ApiKeys.RateLimiting;

/// <summary>
/// This process's count for the per-key limit, used when no shared store is configured or it fails
/// (<see cref="ApiRateLimitMiddleware"/>). Per-key fixed windows of one minute, aligned to the clock's minutes. Each (key, minute, limit) is its own
/// partition, so the reset time is exact, a plan change applies from the next request, and idle windows are
/// disposed by the partitioned limiter itself.
/// </summary>
internal sealed class ApiRateLimiter(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<RateWindow> limiter = PartitionedRateLimiter.Create<RateWindow, RateWindow>(
        window => RateLimitPartition.GetFixedWindowLimiter(window, w => new FixedWindowRateLimiterOptions
        {
            PermitLimit = w.Limit,
            Window = Window,
            QueueLimit = 0,
            // A new minute is a new partition; this window never needs to refill.
            AutoReplenishment = false,
        }));

    public WindowDecision Acquire(Guid keyId, int requestsPerMinute)
    {
        var limit = Math.Max(1, requestsPerMinute);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = nowMs / (long)Window.TotalMilliseconds;
        var window = new RateWindow(keyId, minute, limit);
        using var lease = limiter.AttemptAcquire(window);
        var remaining = limiter.GetStatistics(window)?.CurrentAvailablePermits ?? 0;
        var resetMs = ((minute + 1) * (long)Window.TotalMilliseconds) - nowMs;
        return new WindowDecision(lease.IsAcquired, limit, (int)remaining, (int)Math.Ceiling(resetMs / 1000.0));
    }

    public void Dispose() => limiter.Dispose();
}

internal readonly record struct RateWindow(Guid KeyId, long Minute, int Limit);

using System.Threading.RateLimiting;

namespace Integrations.ApiKeys.RateLimiting;

/// <summary>
/// Per-key fixed windows of one minute, aligned to the clock's minutes. Each (key, minute, limit) is its own
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

    public RateDecision Acquire(Guid keyId, int requestsPerMinute)
    {
        var limit = Math.Max(1, requestsPerMinute);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = nowMs / (long)Window.TotalMilliseconds;
        var window = new RateWindow(keyId, minute, limit);
        using var lease = limiter.AttemptAcquire(window);
        var remaining = limiter.GetStatistics(window)?.CurrentAvailablePermits ?? 0;
        var resetMs = ((minute + 1) * (long)Window.TotalMilliseconds) - nowMs;
        return new RateDecision(lease.IsAcquired, limit, (int)remaining, (int)Math.Ceiling(resetMs / 1000.0));
    }

    public void Dispose() => limiter.Dispose();
}

internal readonly record struct RateWindow(Guid KeyId, long Minute, int Limit);

/// <summary>The outcome of one request against its key's window; <see cref="ResetSeconds"/> is also the Retry-After.</summary>
internal readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

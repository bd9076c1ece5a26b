using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Requests per source per clock minute. Each (source, minute) is its own partition, so the window follows the injected
/// clock (tests move it by hand) and Retry-After is the time to the next minute.
/// </summary>
internal sealed class SourceRateLimiter(TimeProvider clock, IOptionsMonitor<SourceOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<SourceMinute> limiter = PartitionedRateLimiter.Create<SourceMinute, SourceMinute>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));

    /// <summary>Null when the request may go on; else the seconds until the source may send again.</summary>
    public int? RetryAfter(Guid sourceId)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        using var lease = limiter.AttemptAcquire(new SourceMinute(sourceId, now / 60, Math.Max(1, options.CurrentValue.RequestsPerMinute)));
        return lease.IsAcquired ? null : (int)(60 - (now % 60));
    }

    public void Dispose() => limiter.Dispose();

    private readonly record struct SourceMinute(Guid Source, long Minute, int Limit);
}

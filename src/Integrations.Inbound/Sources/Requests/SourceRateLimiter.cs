using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Integrations.Platform.Limits;
using Microsoft.Extensions.Options;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Requests per source per minute. With a shared store configured, one count for every instance (a window of a minute
/// from the source's first request). Without one, or while it fails, per clock minute in this process: one fixed window
/// per source, replaced when the injected clock (moved by hand in tests) reaches the next minute, so Retry-After is exact
/// and a source that stops sending keeps one small entry.
/// </summary>
internal sealed class SourceRateLimiter(TimeProvider clock, IOptionsMonitor<SourceOptions> options, SharedWindows shared) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Window> windows = new();

    /// <summary>Null when the request may go on; else the seconds until the source may send again.</summary>
    public async ValueTask<int?> RetryAfterAsync(Guid sourceId)
    {
        var limit = Math.Max(1, options.CurrentValue.RequestsPerMinute);
        return await shared.AcquireAsync("source", sourceId, limit, TimeSpan.FromMinutes(1)) is { } window
            ? window.Allowed ? null : window.ResetSeconds
            : RetryAfter(sourceId);
    }

    private int? RetryAfter(Guid sourceId)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var minute = now / 60;
        var limit = Math.Max(1, options.CurrentValue.RequestsPerMinute);
        var window = windows.AddOrUpdate(sourceId,
            _ => Window.Open(minute, limit),
            (_, current) => current.Minute == minute && current.Limit == limit ? current : Window.Open(minute, limit));
        using var lease = window.Limiter.AttemptAcquire();
        return lease.IsAcquired ? null : (int)(60 - (now % 60));
    }

    public void Dispose()
    {
        foreach (var window in windows.Values)
        {
            window.Limiter.Dispose();
        }
    }

    private sealed record Window(long Minute, int Limit, FixedWindowRateLimiter Limiter)
    {
        // No timer: a window is never replenished, only replaced by the next minute's.
        public static Window Open(long minute, int limit) => new(minute, limit, new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
    }
}

using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Integrations.Platform.Limits;

/// <summary>
/// Fixed windows counted in the shared store (RedisRateLimiting's fixed window over StackExchange.Redis), so every
/// instance draws on the same count. A window starts at its first request and lasts <c>window</c>; a changed limit is
/// a new window. Null from <see cref="AcquireAsync"/> means "count it yourself": no store, or it is failing.
/// </summary>
public sealed class SharedWindows : IAsyncDisposable
{
    private readonly SharedStore store;
    private readonly PartitionedRateLimiter<WindowKey> limiter;
    private IConnectionMultiplexer? connection;

    internal SharedWindows(SharedStore store)
    {
        this.store = store;
        limiter = PartitionedRateLimiter.Create<WindowKey, WindowKey>(key => RedisRateLimitPartition.GetFixedWindowRateLimiter(key,
            k => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => connection!,
                PermitLimit = k.Limit,
                Window = k.Window,
            }));
    }

    /// <summary>
    /// Takes <paramref name="permits"/> from the window of <paramref name="key"/> among <paramref name="kind"/>'s (0 only
    /// looks); null when the caller must count on its own. The window's name is only made when there is a store: without
    /// one this is a check and nothing else, on every API and inbound request.
    /// </summary>
    public ValueTask<WindowDecision?> AcquireAsync<TKey>(string kind, TKey key, int limit, TimeSpan window, int permits = 1)
        where TKey : notnull =>
        !store.IsConfigured
            ? ValueTask.FromResult<WindowDecision?>(null)
            : AcquireSharedAsync(new WindowKey($"{kind}:{key}", limit, window), permits);

    private async ValueTask<WindowDecision?> AcquireSharedAsync(WindowKey key, int permits) =>
        await store.TryAsync(async redis =>
        {
            connection ??= redis;
            using var lease = await limiter.AcquireAsync(key, permits);
            var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? (int)left : 0;
            var retryAfter = lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var wait) ? wait : (int)key.Window.TotalSeconds;
            return new WindowDecision(lease.IsAcquired, key.Limit, remaining, Math.Max(1, retryAfter));
        }, "rate limits");

    public async ValueTask DisposeAsync() => await limiter.DisposeAsync();

    /// <summary>One window; its text is the Redis key's name.</summary>
    private readonly record struct WindowKey(string Name, int Limit, TimeSpan Window)
    {
        public override string ToString() => $"sentinel:{Name}:{Limit}:{(long)Window.TotalSeconds}";
    }
}

/// <summary>One request against a window: whether it may go on, what is left, and the seconds until the window ends.</summary>
public readonly record struct WindowDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

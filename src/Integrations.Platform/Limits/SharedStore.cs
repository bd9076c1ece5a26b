using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Integrations.Platform.Limits;

/// <summary>
/// The Redis server that instances share their limits through, when <c>ConnectionStrings:Redis</c> is set. Every call
/// fails open: when Redis cannot be reached the caller gets null at once (no backlog, one second at most) and counts in
/// its own process instead, a warning is logged when that starts, and <c>/health/ready</c> reports degraded until a call
/// succeeds again.
/// </summary>
public sealed partial class SharedStore : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>>? redis;
    private readonly ILogger<SharedStore> log;
    private int failing;

    internal SharedStore(IConfiguration config, ILogger<SharedStore> log)
    {
        this.log = log;
        if (config.GetConnectionString("Redis") is { Length: > 0 } connectionString)
        {
            var options = ConfigurationOptions.Parse(connectionString);
            // Never wait for Redis: start without it, fail calls at once while it is away, reconnect in the background.
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
            options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
            redis = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(options));
        }
    }

    /// <summary>Whether a shared store is configured at all (else every limit is per instance by design).</summary>
    public bool IsConfigured => redis is not null;

    /// <summary>Whether the configured store is failing now, so limits are counted per instance.</summary>
    public bool IsFailing => Volatile.Read(ref failing) == 1;

    /// <summary>Runs <paramref name="call"/> on Redis; null when no store is configured or it cannot answer now.</summary>
    public async ValueTask<T?> TryAsync<T>(Func<IConnectionMultiplexer, Task<T>> call, string purpose)
        where T : struct
    {
        if (redis is null)
        {
            return null;
        }

        try
        {
            var result = await call(await redis.Value);
            if (Interlocked.Exchange(ref failing, 0) == 1)
            {
                Recovered(purpose);
            }

            return result;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref failing, 1) == 0)
            {
                FailingOpen(error, purpose);
            }

            return null;
        }
    }

    /// <summary>Whether the store answers a PING now (the readiness check).</summary>
    internal async Task<bool> PingAsync() => await TryAsync(async r => await r.GetDatabase().PingAsync(), "the readiness check") is not null;

    public async ValueTask DisposeAsync()
    {
        if (redis is { IsValueCreated: true })
        {
            await (await redis.Value).DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis cannot be reached ({Purpose}); limits are counted per instance until it is back")]
    private partial void FailingOpen(Exception error, string purpose);

    [LoggerMessage(LogLevel.Information, "Redis answers again ({Purpose}); limits are shared across instances again")]
    private partial void Recovered(string purpose);
}

using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// Known keys (and recently seen unknown hashes) by hash, so a key in use costs no database round trip.
/// A generation counter stops a lookup that raced with a revoke from caching the key's old state.
/// </summary>
internal sealed class KeyCache(IOptions<ApiKeyOptions> options) : IDisposable
{
    private static readonly object Unknown = new();
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheSize });
    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string hash, out KnownKey? key)
    {
        var found = cache.TryGetValue(hash, out var value);
        key = value as KnownKey;
        return found;
    }

    public void Remember(string hash, KnownKey? key, long generationBeforeLookup)
    {
        if (Generation != generationBeforeLookup)
        {
            return;
        }

        cache.Set(hash, key ?? Unknown, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = key is null ? options.Value.UnknownKeyCache : options.Value.KnownKeyCache,
        });
    }

    /// <summary>Call after the change is committed, so no later lookup can read the old row.</summary>
    public void Forget(byte[] hash)
    {
        Interlocked.Increment(ref generation);
        cache.Remove(Convert.ToHexString(hash));
    }

    /// <summary>After missing notifications (a dropped listener connection), nothing cached can be trusted.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref generation);
        cache.Clear();
    }

    public void Dispose() => cache.Dispose();
}

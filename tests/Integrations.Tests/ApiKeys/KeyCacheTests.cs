using Integrations.ApiKeys;
using Integrations.ApiKeys.Authentication;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.ApiKeys;

public sealed class KeyCacheTests
{
    private static readonly byte[] Hash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly string CacheKey = Convert.ToHexString(Hash);

    [Fact]
    public void TryGet_ReturnsRememberedKey_WhenNothingChanged()
    {
        using var cache = new KeyCache(Options.Create(new ApiKeyOptions()));

        cache.Remember(CacheKey, Key(), cache.Generation);

        Assert.True(cache.TryGet(CacheKey, out var key));
        Assert.NotNull(key);
    }

    [Fact]
    public void TryGet_Misses_WhenKeyWasForgotten()
    {
        using var cache = new KeyCache(Options.Create(new ApiKeyOptions()));
        cache.Remember(CacheKey, Key(), cache.Generation);

        cache.Forget(Hash);

        Assert.False(cache.TryGet(CacheKey, out _));
    }

    [Fact]
    public void Remember_KeepsNothing_WhenARevokeRacedWithTheLookup()
    {
        using var cache = new KeyCache(Options.Create(new ApiKeyOptions()));
        var before = cache.Generation;

        cache.Forget(Hash);
        cache.Remember(CacheKey, Key(), before);

        Assert.False(cache.TryGet(CacheKey, out _));
    }

    [Fact]
    public void TryGet_HitsWithNull_WhenHashIsKnownToBeUnknown()
    {
        using var cache = new KeyCache(Options.Create(new ApiKeyOptions()));

        cache.Remember(CacheKey, null, cache.Generation);

        Assert.True(cache.TryGet(CacheKey, out var key));
        Assert.Null(key);
    }

    private static KnownKey Key() => new(Guid.NewGuid(), Guid.NewGuid(), "k", Hash, ["crm:read"], null, null, Plan.Growth);
}

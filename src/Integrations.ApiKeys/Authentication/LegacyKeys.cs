using Integrations.ApiKeys.Keys;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// The hashes of secrets without a checksum that may still work: keys issued before checksums, and the old secrets
/// of rolling keys. A key whose checksum fails is looked up only when its hash is one of these; any other is refused
/// as malformed with no database read. This version issues no such secret, but an older instance still running
/// beside it during an upgrade, or a restored database, may add some: a miss reads the set again when it is more
/// than <see cref="MaxAge"/> old, so a typo costs at most one read a minute.
/// </summary>
internal sealed class LegacyKeys(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private Task<HashSet<string>>? hashes;
    private DateTimeOffset readAt;

    public async ValueTask<bool> MayBeAsync(byte[] hash)
    {
        var hex = Convert.ToHexString(hash);
        return (await LoadAsync(refresh: false)).Contains(hex) || (await LoadAsync(refresh: true)).Contains(hex);
    }

    private Task<HashSet<string>> LoadAsync(bool refresh)
    {
        lock (gate)
        {
            // A failed read (the database was away) is tried again by the next request instead of being kept.
            if (hashes is null || hashes.IsFaulted || hashes.IsCanceled || (refresh && clock.GetUtcNow() - readAt > MaxAge))
            {
                readAt = clock.GetUtcNow();
                hashes = ReadAsync();
            }

            return hashes;
        }
    }

    private async Task<HashSet<string>> ReadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ApiKey>().IgnoreQueryFilters().AsNoTracking();
        var current = await keys.Where(k => !k.HasChecksum).Select(k => k.Hash).ToListAsync();
        var previous = await keys.Where(k => k.PreviousHash != null).Select(k => k.PreviousHash!).ToListAsync();
        return current.Concat(previous).Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);
    }
}

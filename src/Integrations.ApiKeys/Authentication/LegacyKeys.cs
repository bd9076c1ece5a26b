using Integrations.ApiKeys.Keys;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// The hashes of secrets without a checksum that may still work: keys issued before checksums, and the old secrets
/// of rolling keys. A key whose checksum fails is looked up only when its hash is one of these; any other is refused
/// as malformed with no database read. No such secret is issued any more, so the set, read once, can only have grown
/// stale (a revoked or deleted key), which costs a lookup, never a wrong answer.
/// </summary>
internal sealed class LegacyKeys(IServiceScopeFactory scopes)
{
    private readonly Lock gate = new();
    private Task<HashSet<string>>? hashes;

    public async ValueTask<bool> MayBeAsync(byte[] hash) => (await LoadAsync()).Contains(Convert.ToHexString(hash));

    private Task<HashSet<string>> LoadAsync()
    {
        lock (gate)
        {
            // A failed read (the database was away) is tried again by the next request instead of being kept.
            if (hashes is null || hashes.IsFaulted || hashes.IsCanceled)
            {
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

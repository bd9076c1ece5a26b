using Integrations.ApiKeys.Keys;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.ApiKeys.Authentication;

/// <summary>Finds a key by hash: from the cache, else by the unique hash index (once, then cached).</summary>
/// <remarks>The DbContext is resolved only on a miss, so a cached key does not even build one.</remarks>
internal sealed class KeyLookup(KeyCache cache, IServiceProvider requestServices)
{
    /// <summary>Whether the cache holds a key with this hash, so finding it reads nothing.</summary>
    public bool Knows(byte[] hash) => cache.TryGet(Convert.ToHexString(hash), out var key) && key is not null;

    public async ValueTask<KnownKey?> FindAsync(byte[] hash, CancellationToken ct)
    {
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var generation = cache.Generation;
        var db = requestServices.GetRequiredService<IntegrationsDbContext>();
        var workspaces = requestServices.GetRequiredService<WorkspaceDirectory>();
        // The workspace is what the key tells us, so the workspace filter cannot apply yet.
        var row = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash || k.PreviousHash == hash, ct);
        KnownKey? key = null;
        if (row is not null && await workspaces.FindAsync(row.WorkspaceId, ct) is { DeletingSince: null } workspace)
        {
            // A rolling key's old secret works until its grace period ends (or the key expires, if sooner).
            var previous = !row.Hash.AsSpan().SequenceEqual(hash);
            var expires = !previous ? row.ExpiresAt
                : row.ExpiresAt is { } keyExpires && keyExpires < row.PreviousExpiresAt ? keyExpires : row.PreviousExpiresAt;
            key = new KnownKey(row.Id, row.WorkspaceId, row.Name, previous ? row.PreviousHash! : row.Hash, row.Scopes, expires,
                row.RevokedAt, workspace.Plan, previous);
        }

        cache.Remember(cacheKey, key, generation);
        return key;
    }
}

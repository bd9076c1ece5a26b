using Integrations.Platform.Notifications;
using Integrations.ApiKeys.Authentication;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.ApiKeys.Keys;

/// <summary>
/// The keys of the caller's workspace: issue, list, revoke, delete. The admin page and the keys API both go
/// through here, so both validate, audit and evict the same way.
/// </summary>
public sealed class KeyRing
{
    /// <summary>How long a rolled key's old secret may keep working, by the names the API and the page use.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> GracePeriods = new Dictionary<string, TimeSpan>
    {
        ["none"] = TimeSpan.Zero, ["1h"] = TimeSpan.FromHours(1), ["24h"] = TimeSpan.FromHours(24), ["7d"] = TimeSpan.FromDays(7),
    };

    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly KeyCache cache;
    private readonly LastUseRecorder lastUse;
    private readonly TimeProvider clock;
    private readonly ScopeCatalog scopes;

    internal KeyRing(IntegrationsDbContext db, Caller caller, AuditTrail audit, KeyCache cache, LastUseRecorder lastUse, TimeProvider clock,
        ScopeCatalog scopes)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.cache = cache;
        this.lastUse = lastUse;
        this.clock = clock;
        this.scopes = scopes;
    }

    /// <summary>Errors by field name (<c>name</c>, <c>scopes</c>, <c>expires_at</c>); empty when the key may be issued.</summary>
    public Dictionary<string, string[]> Validate(NewApiKey request) => ApiKeyRules.Validate(request, scopes, clock.GetUtcNow());

    /// <summary>Issues a key that <see cref="Validate"/> accepted.</summary>
    public async Task<IssuedApiKey> IssueAsync(NewApiKey request, CancellationToken ct)
    {
        var secret = KeyFormat.NewKey();
        var key = new ApiKey
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            Name = request.Name!.Trim(),
            Hash = KeyFormat.Hash(secret),
            Prefix = KeyFormat.DisplayPrefix(secret),
            Scopes = request.Scopes!.Distinct(StringComparer.Ordinal).ToArray(),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            HasChecksum = true,
        };
        db.Add(key);
        Audit("api_key.created", key, new { key.Name, key.Scopes, key.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return new IssuedApiKey(secret, View(key));
    }

    /// <summary>Newest first; <paramref name="before"/> is the id the previous page ended with.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string? before, int take, CancellationToken ct)
    {
        var query = db.Set<ApiKey>().AsNoTracking();
        if (PublicId.TryParse(IdPrefixes.ApiKey, before, out var beforeId))
        {
            query = query.Where(k => k.Id < beforeId);
        }

        var keys = await query.OrderByDescending(k => k.Id).Take(take).ToListAsync(ct);
        return keys.Select(View).ToList();
    }

    /// <summary>The keys that work today: not revoked, not expired.</summary>
    public Task<int> CountActiveAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Set<ApiKey>().CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
    }

    public async Task<ApiKeyView?> FindAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } key ? View(key) : null;

    /// <summary>Stops the key at once; revoking a revoked key changes nothing.</summary>
    public async Task<ApiKeyView?> RevokeAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } key)
        {
            return null;
        }

        if (key.RevokedAt is null)
        {
            var now = clock.GetUtcNow();
            Audit("api_key.revoked", key, new { RevokedAt = now });
            await StopAsync(key, k => k.RevokedAt ??= now, ct);
        }

        return View(key);
    }

    /// <summary>Stops every key of the workspace at once: it is being deleted, and its audit trail with it.</summary>
    internal async Task RevokeAllAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var key in await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.WorkspaceId == workspaceId && k.RevokedAt == null).ToListAsync(ct))
        {
            await StopAsync(key, k => k.RevokedAt ??= now, ct);
        }
    }

    /// <summary>
    /// Gives the key a new secret with the same name and scopes, shown this once. The old secret keeps working for
    /// <paramref name="grace"/> (zero: it stops now); a secret older still, left by a roll in progress, stops now.
    /// </summary>
    public async Task<KeyRoll> RollAsync(string id, TimeSpan grace, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } key)
        {
            return KeyRoll.NotFound;
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null || key.ExpiresAt <= now)
        {
            return KeyRoll.Refused($"A {(key.RevokedAt is not null ? "revoked" : "expired")} key cannot be rolled; generate a new one.");
        }

        byte[][] stopping = [key.Hash, .. key.PreviousHash is { } older ? [older] : Array.Empty<byte[]>()];
        var secret = KeyFormat.NewKey();
        key.PreviousHash = grace > TimeSpan.Zero ? key.Hash : null;
        key.PreviousExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
        key.Hash = KeyFormat.Hash(secret);
        key.Prefix = KeyFormat.DisplayPrefix(secret);
        key.HasChecksum = true;
        Audit("api_key.rolled", key, new { previous_secret_expires_at = key.PreviousExpiresAt ?? now });
        try
        {
            await SaveAndEvictAsync(key, stopping, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            // The hash is a concurrency token: another roll saved first, and only its secret works now.
            return KeyRoll.Refused("The key was rolled by another request at the same moment; the secret that request showed is the one that works. Roll again if you need another.");
        }

        return KeyRoll.Rolled(new IssuedApiKey(secret, View(key)));
    }

    /// <summary>Deletes the key and stops it at once; returns what it was, or null when there is no such key.</summary>
    public async Task<ApiKeyView?> DeleteAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } key)
        {
            return null;
        }

        Audit("api_key.deleted", key, new { key.Name });
        await StopAsync(key, k => db.Remove(k), ct);
        return View(key);
    }

    // The hash is a concurrency token, so that of two rolls at once only one wins. A revoke or delete that meets a roll
    // committed in between reads the key again and stops what the roll left: stopping a key always wins.
    private async Task StopAsync(ApiKey key, Action<ApiKey> stop, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            stop(key);
            try
            {
                await SaveAndEvictAsync(key, [], ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(key).ReloadAsync(ct);
            }
        }
    }

    /// <summary>Saves the change and, on commit, tells every instance (this one included) to stop trusting what it had
    /// cached of the key's secrets: the current and the rolling one, and <paramref name="more"/>.</summary>
    private async Task SaveAndEvictAsync(ApiKey key, IEnumerable<byte[]> more, CancellationToken ct)
    {
        var hashes = more.Append(key.Hash).Concat(key.PreviousHash is { } previous ? [previous] : Array.Empty<byte[]>())
            .DistinctBy(Convert.ToHexString).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            foreach (var hash in hashes)
            {
                await db.Database.NotifyAsync(KeyChangeListener.Channel, Convert.ToHexString(hash), ct);
            }

            await transaction.CommitAsync(ct);
        }

        foreach (var hash in hashes)
        {
            cache.Forget(hash);
        }
    }

    // The workspace filter makes another workspace's key look like no key at all: a 404, never a 403.
    private async Task<ApiKey?> FindEntityAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.ApiKey, id, out var keyId)
            ? await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == keyId, ct)
            : null;

    private void Audit(string action, ApiKey key, object changes) =>
        audit.Add(action, "api_key", PublicId.Format(IdPrefixes.ApiKey, key.Id), changes);

    private ApiKeyView View(ApiKey key)
    {
        var now = clock.GetUtcNow();
        var status = key.RevokedAt is not null ? ApiKeyStatus.Revoked
            : key.ExpiresAt <= now ? ApiKeyStatus.Expired
            : ApiKeyStatus.Active;
        var lastUsed = lastUse.Pending(key.Id) is { } pending && !(pending <= key.LastUsedAt) ? pending : key.LastUsedAt;
        return new ApiKeyView(PublicId.Format(IdPrefixes.ApiKey, key.Id), key.Name, KeyFormat.Masked(key.Prefix), key.Scopes,
            key.CreatedAt, key.ExpiresAt, lastUsed, key.RevokedAt, status,
            key.PreviousExpiresAt > now && status == ApiKeyStatus.Active ? key.PreviousExpiresAt : null);
    }
}

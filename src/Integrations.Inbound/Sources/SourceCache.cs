using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Integrations.Inbound.Sources;

/// <summary>
/// Sources by id for the receiver, and ids with no source, each trusted for <see cref="Ttl"/>: a burst of deliveries,
/// or of strangers guessing ids, costs one read. <see cref="SourceDirectory"/> forgets a source when it changes it,
/// so a change counts at once in this process; other instances see it once their entry is older than the TTL. A
/// generation counter stops a read that raced with a change from caching the old row.
/// </summary>
internal sealed class SourceCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private long generation;

    public async Task<InboundSource?> FindAsync(IntegrationsDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(id, out Entry? entry) && entry!.Until > now)
        {
            return entry.Source;
        }

        var before = Interlocked.Read(ref generation);
        // No caller here: the source is found across workspaces, and its own workspace is the one a request gets.
        var source = await db.Set<InboundSource>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (Interlocked.Read(ref generation) == before)
        {
            cache.Set(id, new Entry(source, now + Ttl), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Ttl });
        }

        return source;
    }

    /// <summary>Call after the change is committed, so no later read can find the old row.</summary>
    public void Forget(Guid id)
    {
        Interlocked.Increment(ref generation);
        cache.Remove(id);
    }

    public void Dispose() => cache.Dispose();

    private sealed record Entry(InboundSource? Source, DateTimeOffset Until);
}

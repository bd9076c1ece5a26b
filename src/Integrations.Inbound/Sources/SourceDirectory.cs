using System.Text.Json;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Security;
using Integrations.Inbound.Sources.Requests;
using Integrations.Inbound.Sources.Verification;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Sources;

/// <summary>
/// The inbound sources of the caller's workspace: create, list, change, delete. The admin page and the API both go
/// through here, so both validate, audit and protect secrets the same way.
/// </summary>
public sealed class SourceDirectory
{
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly InboundSecrets secrets;
    private readonly TimeProvider clock;
    private readonly SourceCache cache;

    internal SourceDirectory(IntegrationsDbContext db, Caller caller, AuditTrail audit, InboundSecrets secrets,
        TimeProvider clock, SourceCache cache)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.cache = cache;
    }

    /// <summary>Creates the source, or says what is wrong; a generated secret comes back in the view, this once.</summary>
    public async Task<SourceEdit> CreateAsync(SourceInput input, CancellationToken ct)
    {
        var errors = SourceRules.Resolve(input, null, out var draft);
        if (errors.Count > 0)
        {
            return new SourceEdit(null, errors);
        }

        var secret = input.Secret ?? SourceSecrets.Generate(draft.Verification.Method);
        var now = clock.GetUtcNow();
        var source = new InboundSource
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            Name = draft.Name,
            Object = "",
            Mapping = "",
            Method = draft.Verification.Method,
            SecretCiphertext = secrets.Protect(secret),
            CreatedAt = now,
        };
        Apply(source, draft, now);
        db.Add(source);
        Audit("inbound_source.created", source, Described(source, secretChanged: true));
        await db.SaveChangesAsync(ct);
        return new SourceEdit(View(source, SourceStats.None) with { Secret = input.Secret is null ? secret : null }, errors);
    }

    /// <summary>Null when there is no such source.</summary>
    public async Task<SourceEdit?> UpdateAsync(string id, SourceInput input, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } source)
        {
            return null;
        }

        var errors = SourceRules.Resolve(input, source, out var draft);
        if (errors.Count > 0)
        {
            return new SourceEdit(null, errors);
        }

        Apply(source, draft, clock.GetUtcNow());
        if (input.Secret is not null)
        {
            source.SecretCiphertext = secrets.Protect(input.Secret);
        }

        Audit("inbound_source.updated", source, Described(source, secretChanged: input.Secret is not null));
        await db.SaveChangesAsync(ct);
        cache.Forget(source.Id);
        return new SourceEdit((await StatsAsync([source], ct))[0], errors);
    }

    public async Task<SourceView?> DeleteAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } source)
        {
            return null;
        }

        db.Remove(source);
        Audit("inbound_source.deleted", source, new { source.Name, source.Object });
        await db.SaveChangesAsync(ct);
        cache.Forget(source.Id);
        return View(source, SourceStats.None);
    }

    /// <summary>Newest first; <paramref name="before"/> is the id the previous page ended with.</summary>
    public async Task<IReadOnlyList<SourceView>> ListAsync(Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<InboundSource>().AsNoTracking();
        if (before is { } last)
        {
            query = query.Where(s => s.Id < last);
        }

        return await StatsAsync(await query.OrderByDescending(s => s.Id).Take(take).ToListAsync(ct), ct);
    }

    public async Task<SourceView?> FindAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } source ? (await StatsAsync([source], ct))[0] : null;

    private static void Apply(InboundSource source, SourceDraft draft, DateTimeOffset now)
    {
        source.Name = draft.Name;
        source.Preset = draft.Preset;
        source.Verification = draft.Verification;
        source.IdempotencyHeader = draft.Idempotency.Header;
        source.IdempotencyPath = draft.Idempotency.Path;
        source.Mapping = draft.Mapping!.ToJson();
        source.Object = draft.Mapping.Object.Trim().ToLowerInvariant();
        source.Enabled = draft.Enabled;
        source.UpdatedAt = now;
    }

    private async Task<IReadOnlyList<SourceView>> StatsAsync(IReadOnlyList<InboundSource> sources, CancellationToken ct)
    {
        var ids = sources.Select(s => s.Id).ToArray();
        var stats = await db.Set<InboundRequest>().Where(r => ids.Contains(r.SourceId)).GroupBy(r => r.SourceId)
            .Select(g => new
            {
                g.Key,
                Last = g.Max(r => (DateTimeOffset?)r.ReceivedAt),
                Waiting = g.Count(r => r.Status == RequestStatus.Received),
                Processed = g.Count(r => r.Status == RequestStatus.Processed),
                Failed = g.Count(r => r.Status == RequestStatus.Failed),
            })
            .ToDictionaryAsync(s => s.Key, ct);
        return sources.Select(s => View(s, stats.TryGetValue(s.Id, out var n) ? new SourceStats(n.Last, n.Waiting, n.Processed, n.Failed) : SourceStats.None))
            .ToList();
    }

    // The workspace filter makes another workspace's source look like no source at all: a 404, never a 403.
    private async Task<InboundSource?> FindEntityAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.InboundSource, id, out var sourceId)
            ? await db.Set<InboundSource>().FirstOrDefaultAsync(s => s.Id == sourceId, ct)
            : null;

    // Never the secret: the audit trail is readable with audit:read.
    private static object Described(InboundSource s, bool secretChanged) => new
    {
        s.Name, s.Object, s.Preset, verification = s.Verification, idempotency_header = s.IdempotencyHeader,
        idempotency_path = s.IdempotencyPath, s.Enabled, mapping = JsonDocument.Parse(s.Mapping).RootElement, secret_changed = secretChanged,
    };

    private void Audit(string action, InboundSource source, object changes) =>
        audit.Add(action, "inbound_source", PublicId.Format(IdPrefixes.InboundSource, source.Id), changes);

    private static SourceView View(InboundSource s, SourceStats stats) => new(
        PublicId.Format(IdPrefixes.InboundSource, s.Id), s.Name, s.Object, $"/api/v1/inbound/{PublicId.Format(IdPrefixes.InboundSource, s.Id)}",
        s.Preset, s.Verification, new IdempotencyInput(s.IdempotencyHeader, s.IdempotencyPath), RecordMapping.FromJson(s.Mapping),
        s.Enabled, stats, s.CreatedAt, s.UpdatedAt);
}

using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>A source's requests, newest first, and the lever to process one again with the source's current mapping.</summary>
public sealed class RequestLog
{
    private readonly IntegrationsDbContext db;
    private readonly AuditTrail audit;
    private readonly RequestSignal signal;

    internal RequestLog(IntegrationsDbContext db, AuditTrail audit, RequestSignal signal)
    {
        this.db = db;
        this.audit = audit;
        this.signal = signal;
    }

    /// <summary>Null when the caller's workspace has no such source.</summary>
    public async Task<IReadOnlyList<InboundRequestView>?> ListAsync(string sourceId, Guid? before, int take, CancellationToken ct)
    {
        if (await FindSourceAsync(sourceId, ct) is not { } id)
        {
            return null;
        }

        var query = db.Set<InboundRequest>().AsNoTracking().Where(r => r.SourceId == id);
        if (before is { } last)
        {
            query = query.Where(r => r.Id < last);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        return rows.Select(r => InboundRequestView.From(r)).ToList();
    }

    /// <summary>One request with its body and headers; null when it is not one of this source's.</summary>
    public async Task<InboundRequestView?> FindAsync(string sourceId, string requestId, CancellationToken ct) =>
        await FindRequestAsync(sourceId, requestId, ct) is { } request ? InboundRequestView.From(request, detail: true) : null;

    /// <summary>Queues the request again (<c>Queued</c>), unless it is still waiting; null when there is no such request.</summary>
    public async Task<(InboundRequestView Request, bool Queued)?> ReprocessAsync(string sourceId, string requestId, CancellationToken ct)
    {
        if (await FindRequestAsync(sourceId, requestId, ct) is not { } request)
        {
            return null;
        }

        if (request.Status == RequestStatus.Received)
        {
            return (InboundRequestView.From(request), false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Conditional, so two clicks (or a click racing the worker) queue it once.
        var queued = await db.Set<InboundRequest>().Where(r => r.Id == request.Id && r.Status != RequestStatus.Received).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, RequestStatus.Received)
            .SetProperty(r => r.Errors, (string?)null)
            .SetProperty(r => r.Record, (string?)null), ct);
        if (queued == 0)
        {
            request.Status = RequestStatus.Received;
            return (InboundRequestView.From(request), false);
        }

        audit.Add("inbound_request.reprocessed", "inbound_request", requestId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Pull();
        request.Status = RequestStatus.Received;
        request.Errors = null;
        request.Record = null;
        return (InboundRequestView.From(request), true);
    }

    private async Task<InboundRequest?> FindRequestAsync(string sourceId, string requestId, CancellationToken ct) =>
        await FindSourceAsync(sourceId, ct) is { } id && PublicId.TryParse(IdPrefixes.InboundRequest, requestId, out var rid)
            ? await db.Set<InboundRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid && r.SourceId == id, ct)
            : null;

    private async Task<Guid?> FindSourceAsync(string sourceId, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.InboundSource, sourceId, out var id) && await db.Set<InboundSource>().AnyAsync(s => s.Id == id, ct)
            ? id
            : null;
}

using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Audit;

/// <summary>Reads the caller's audit trail, newest first.</summary>
public sealed class AuditLog
{
    private readonly Data.IntegrationsDbContext db;

    internal AuditLog(Data.IntegrationsDbContext db)
    {
        this.db = db;
    }

    /// <returns>Up to <c>Limit + 1</c> entries, so the caller can tell whether there are more.</returns>
    public Task<List<AuditEntry>> FindAsync(AuditQuery query, CancellationToken ct)
    {
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.ObjectType))
        {
            entries = entries.Where(a => a.ObjectType == query.ObjectType);
        }

        if (!string.IsNullOrWhiteSpace(query.ObjectId))
        {
            entries = entries.Where(a => a.ObjectId == query.ObjectId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(a => a.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            entries = entries.Where(a => a.ActorId == query.ActorId);
        }

        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            entries = entries.Where(a => a.Source == query.Source);
        }

        if (query.Since is { } since)
        {
            entries = entries.Where(a => a.OccurredAt >= since);
        }

        if (query.Until is { } until)
        {
            entries = entries.Where(a => a.OccurredAt < until);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(a => a.Id < before);
        }

        return entries.OrderByDescending(a => a.Id).Take(query.Limit + 1).ToListAsync(ct);
    }
}

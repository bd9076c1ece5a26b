using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Platform.Outbox;

/// <summary>
/// The facade for publishing events: rows land in <c>events</c> in the caller's transaction, so an event
/// exists exactly when its change does.
/// </summary>
public sealed class EventOutbox(IntegrationsDbContext db, Caller caller, TimeProvider clock)
{
    public void Add(EventRecord record) => db.Add(new OutboxEvent
    {
        Id = PublicId.NewId(clock),
        WorkspaceId = caller.WorkspaceId,
        Type = record.Type,
        OccurredAt = clock.GetUtcNow(),
        Data = record.Data,
    });

    public async Task AppendAsync(IReadOnlyList<EventRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        var ids = PublicId.NewIds(clock, records.Count);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO events (id, workspace_id, type, occurred_at, data)
            SELECT u.id, @ws, u.type, @now, u.data::jsonb
            FROM unnest(@ids, @types, @data) AS u(id, type, data)
            """,
            [
                new NpgsqlParameter("ws", caller.WorkspaceId),
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("ids", ids),
                new NpgsqlParameter("types", records.Select(r => r.Type).ToArray()),
                new NpgsqlParameter("data", records.Select(r => r.Data).ToArray()),
            ],
            ct);
    }
}

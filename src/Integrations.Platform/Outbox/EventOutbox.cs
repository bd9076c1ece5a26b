using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Platform.Outbox;

/// <summary>
/// The facade for publishing events: rows land in <c>events</c> in the caller's transaction, so an event
/// exists exactly when its change does; subscribers (webhook fan-out) write in that same transaction.
/// </summary>
public sealed class EventOutbox(IntegrationsDbContext db, Caller caller, TimeProvider clock, IEnumerable<IOutboxSubscriber> subscribers)
{
    public async Task<IReadOnlyList<AppendedEvent>> AppendAsync(IReadOnlyList<EventRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var ids = PublicId.NewIds(clock, records.Count);
        var appended = records.Select((r, i) => new AppendedEvent(ids[i], caller.WorkspaceId, r.Type, now, r.Data)).ToList();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO events (id, workspace_id, type, occurred_at, data)
            SELECT u.id, @ws, u.type, @now, u.data::jsonb
            FROM unnest(@ids, @types, @data) AS u(id, type, data)
            """,
            [
                new NpgsqlParameter("ws", caller.WorkspaceId),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("ids", ids),
                new NpgsqlParameter("types", records.Select(r => r.Type).ToArray()),
                new NpgsqlParameter("data", records.Select(r => r.Data).ToArray()),
            ],
            ct);
        foreach (var subscriber in subscribers)
        {
            await subscriber.OnAppendedAsync(appended, ct);
        }

        return appended;
    }
}

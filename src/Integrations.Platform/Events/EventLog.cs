using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Platform.Events;

/// <summary>
/// The facade for publishing events: rows land in <c>events</c> in the caller's transaction, so an event
/// exists exactly when its change does; subscribers (webhook fan-out) write in that same transaction.
/// </summary>
public sealed class EventLog
{
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly TimeProvider clock;
    private readonly IEnumerable<IEventSubscriber> subscribers;

    internal EventLog(IntegrationsDbContext db, Caller caller, TimeProvider clock,
        IEnumerable<IEventSubscriber> subscribers)
    {
        this.db = db;
        this.caller = caller;
        this.clock = clock;
        this.subscribers = subscribers;
    }

    public async Task<IReadOnlyList<AppendedEvent>> AppendAsync(IReadOnlyList<EventRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var ids = PublicId.NewIds(clock, records.Count);
        var appended = records.Select((r, i) => new AppendedEvent(ids[i], caller.WorkspaceId, r.Type.Name, now, r.Data)).ToList();
        if (appended.Count >= BulkCopy.MinRows)
        {
            await CopyAsync(appended, ct);
        }
        else
        {
            await InsertAsync(appended, ct);
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber.OnAppendedAsync(appended, ct);
        }

        return appended;
    }

    private Task InsertAsync(List<AppendedEvent> events, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO events (id, workspace_id, type, occurred_at, data)
            SELECT u.id, @ws, u.type, @now, u.data::json
            FROM unnest(@ids, @types, @data) AS u(id, type, data)
            """,
            [
                new NpgsqlParameter("ws", caller.WorkspaceId),
                new NpgsqlParameter("now", events[0].OccurredAt),
                new NpgsqlParameter("ids", events.Select(e => e.Id).ToArray()),
                new NpgsqlParameter("types", events.Select(e => e.Type).ToArray()),
                new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Data.ToString()).ToArray() },
            ],
            ct);

    private async Task CopyAsync(List<AppendedEvent> events, CancellationToken ct)
    {
        await using var copy = await BulkCopy.BeginAsync(db,
            "COPY events (id, workspace_id, type, occurred_at, data) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in events)
        {
            copy.StartRow();
            copy.Write(e.Id, NpgsqlDbType.Uuid);
            copy.Write(e.WorkspaceId, NpgsqlDbType.Uuid);
            copy.Write(e.Type, NpgsqlDbType.Varchar);
            copy.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
            copy.Write(e.Data.Bytes, NpgsqlDbType.Json);
        }

        await copy.CompleteAsync(ct);
    }
}

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
/// An event with the same data as the one before it (a change's <c>record.created</c> and <c>contact.created</c>)
/// does not store it again: its row points at that event's (<see cref="StoredEvent.DataEventId"/>).
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

    private Task InsertAsync(List<AppendedEvent> events, CancellationToken ct)
    {
        var rows = Rows(events).ToList();
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO events (id, workspace_id, type, occurred_at, data, data_event_id)
            SELECT u.id, @ws, u.type, @now, u.data::json, u.data_event_id
            FROM unnest(@ids, @types, @data, @data_event_ids) AS u(id, type, data, data_event_id)
            """,
            [
                new NpgsqlParameter("ws", caller.WorkspaceId),
                new NpgsqlParameter("now", events[0].OccurredAt),
                new NpgsqlParameter("ids", rows.Select(r => r.Event.Id).ToArray()),
                new NpgsqlParameter("types", rows.Select(r => r.Event.Type).ToArray()),
                new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Data?.ToString()).ToArray() },
                new NpgsqlParameter("data_event_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.DataEventId).ToArray() },
            ],
            ct);
    }

    private async Task CopyAsync(List<AppendedEvent> events, CancellationToken ct)
    {
        await using var copy = await BulkCopy.BeginAsync(db,
            "COPY events (id, workspace_id, type, occurred_at, data, data_event_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (e, data, dataEventId) in Rows(events))
        {
            copy.StartRow();
            copy.Write(e.Id, NpgsqlDbType.Uuid);
            copy.Write(e.WorkspaceId, NpgsqlDbType.Uuid);
            copy.Write(e.Type, NpgsqlDbType.Varchar);
            copy.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
            if (dataEventId is { } shared)
            {
                copy.WriteNull();
                copy.Write(shared, NpgsqlDbType.Uuid);
            }
            else
            {
                copy.Write(data!.Bytes, NpgsqlDbType.Json);
                copy.WriteNull();
            }
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>Each event's stored data, or the earlier event that holds the same data.</summary>
    private static IEnumerable<(AppendedEvent Event, Utf8Json? Data, Guid? DataEventId)> Rows(List<AppendedEvent> events)
    {
        AppendedEvent? holder = null;
        foreach (var e in events)
        {
            if (holder is not null && (ReferenceEquals(holder.Data, e.Data) || holder.Data.Bytes.AsSpan().SequenceEqual(e.Data.Bytes)))
            {
                yield return (e, null, holder.Id);
            }
            else
            {
                holder = e;
                yield return (e, e.Data, null);
            }
        }
    }
}

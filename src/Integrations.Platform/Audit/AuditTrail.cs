using System.Text.Json;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Platform.Audit;

/// <summary>
/// The facade other modules write the audit trail through: <see cref="Add(AuditRecord)"/> joins the DbContext's next
/// SaveChanges; <see cref="AppendAsync(IReadOnlyList{AuditRecord}, CancellationToken)"/> writes many entries in one statement inside the current transaction.
/// </summary>
public sealed class AuditTrail
{
    private static readonly JsonSerializerOptions ChangesJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly TimeProvider clock;

    internal AuditTrail(IntegrationsDbContext db, Caller caller, TimeProvider clock)
    {
        this.db = db;
        this.caller = caller;
        this.clock = clock;
    }

    public void Add(AuditRecord record) => db.Add(ToEntry(record, clock.GetUtcNow()));

    /// <summary>Adds an entry whose changes are <paramref name="changes"/> as JSON with snake_case names (an anonymous
    /// object such as <c>new { key.Name, key.Scopes }</c>); never pass a secret.</summary>
    public void Add(string action, string objectType, string objectId, object? changes = null) =>
        Add(Record(action, objectType, objectId, changes));

    /// <summary>Writes such an entry now, inside the current transaction.</summary>
    public Task AppendAsync(string action, string objectType, string objectId, object? changes, CancellationToken ct) =>
        AppendAsync([Record(action, objectType, objectId, changes)], ct);

    private static AuditRecord Record(string action, string objectType, string objectId, object? changes) =>
        new(action, objectType, objectId, changes is null ? null : new Utf8Json(JsonSerializer.SerializeToUtf8Bytes(changes, ChangesJson)));

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var ids = PublicId.NewIds(clock, records.Count);
        if (records.Count >= BulkCopy.MinRows)
        {
            await CopyAsync(records, ids, now, ct);
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO audit_entries (id, workspace_id, occurred_at, actor_type, actor_id, actor_name, source,
                                       action, object_type, object_id, changes)
            SELECT u.id, @ws, @now, @actor_type, @actor_id, @actor_name, @source, u.action, u.object_type, u.object_id,
                   u.changes::json
            FROM unnest(@ids, @actions, @object_types, @object_ids, @changes)
                 AS u(id, action, object_type, object_id, changes)
            """,
            [
                new NpgsqlParameter("ws", caller.WorkspaceId),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("actor_type", Name(caller.ActorType)),
                new NpgsqlParameter("actor_id", caller.ActorId),
                new NpgsqlParameter("actor_name", caller.ActorName),
                new NpgsqlParameter("source", Name(caller.Source)),
                new NpgsqlParameter("ids", ids),
                new NpgsqlParameter("actions", records.Select(r => r.Action).ToArray()),
                new NpgsqlParameter("object_types", records.Select(r => r.ObjectType).ToArray()),
                new NpgsqlParameter("object_ids", records.Select(r => r.ObjectId).ToArray()),
                new NpgsqlParameter("changes", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    Value = records.Select(r => r.Changes?.ToString()).ToArray(),
                },
            ],
            ct);
    }

    private async Task CopyAsync(IReadOnlyList<AuditRecord> records, Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        var (actorType, source) = (Name(caller.ActorType), Name(caller.Source));
        await using var copy = await BulkCopy.BeginAsync(db,
            """
            COPY audit_entries (id, workspace_id, occurred_at, actor_type, actor_id, actor_name, source, action, object_type,
                                object_id, changes) FROM STDIN (FORMAT BINARY)
            """, ct);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            copy.StartRow();
            copy.Write(ids[i], NpgsqlDbType.Uuid);
            copy.Write(caller.WorkspaceId, NpgsqlDbType.Uuid);
            copy.Write(now, NpgsqlDbType.TimestampTz);
            copy.Write(actorType, NpgsqlDbType.Varchar);
            copy.Write(caller.ActorId, NpgsqlDbType.Text);
            copy.Write(caller.ActorName, NpgsqlDbType.Text);
            copy.Write(source, NpgsqlDbType.Varchar);
            copy.Write(record.Action, NpgsqlDbType.Varchar);
            copy.Write(record.ObjectType, NpgsqlDbType.Varchar);
            copy.Write(record.ObjectId, NpgsqlDbType.Varchar);
            if (record.Changes is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(record.Changes.Bytes, NpgsqlDbType.Json);
            }
        }

        await copy.CompleteAsync(ct);
    }

    private AuditEntry ToEntry(AuditRecord record, DateTimeOffset now) => new()
    {
        Id = PublicId.NewId(clock),
        WorkspaceId = caller.WorkspaceId,
        OccurredAt = now,
        ActorType = Name(caller.ActorType),
        ActorId = caller.ActorId,
        ActorName = caller.ActorName,
        Source = Name(caller.Source),
        Action = record.Action,
        ObjectType = record.ObjectType,
        ObjectId = record.ObjectId,
        Changes = record.Changes?.ToString(),
    };

    /// <summary>Stored as the API shows them: <c>api_key</c>, <c>ui</c>, <c>import</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

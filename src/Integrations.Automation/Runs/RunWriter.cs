using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Automation.Runs;

/// <summary>
/// Writes new runs in the current transaction, in one statement (COPY from <see cref="BulkCopy.MinRows"/> rows), then a
/// NOTIFY that Postgres sends on commit to wake the executors. A run with a once-key that exists already is skipped.
/// </summary>
internal sealed class RunWriter(IntegrationsDbContext db)
{
    public const string Channel = "workflow_runs";

    /// <summary>The NOTIFY that wakes executors when the statement's transaction commits.</summary>
    public const string WakeExecutors = "SELECT pg_notify('" + Channel + "', '');";

    private const string Columns =
        "id, workspace_id, workflow_id, version, status, trigger_type, trigger_data, steps, record_object, record_id, event_id, depth, "
        + "caused_by_run_id, current_step_id, due_at, attempts, attempt_base, error, once_key, created_at, finished_at";

    public async Task WriteAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken ct)
    {
        if (runs.Count == 0)
        {
            return;
        }

        if (runs.Count >= BulkCopy.MinRows && runs.All(r => r.OnceKey is null))
        {
            await CopyAsync(runs, now, ct);
        }
        else
        {
            await InsertAsync(runs, now, ct);
        }

        if (runs.Any(r => r.Status == RunStatus.Running))
        {
            await db.Database.ExecuteSqlRawAsync(WakeExecutors, ct);
        }
    }

    private Task InsertAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO workflow_runs ({Columns})
            SELECT u.id, u.workspace_id, u.workflow_id, u.version, u.status, u.trigger_type, u.trigger_data::jsonb, jsonb_build_object(),
                   u.record_object, u.record_id, u.event_id, u.depth, u.caused_by_run_id, u.current_step_id, COALESCE(u.due_at, @now), 0, 0, u.error,
                   u.once_key, @now, CASE WHEN u.status = 'running' THEN NULL ELSE @now END
            FROM unnest(@ids, @workspaces, @workflows, @versions, @statuses, @trigger_types, @trigger_data, @record_objects,
                        @record_ids, @event_ids, @depths, @caused_by, @steps, @errors, @once_keys, @due_ats)
                 AS u(id, workspace_id, workflow_id, version, status, trigger_type, trigger_data, record_object, record_id,
                      event_id, depth, caused_by_run_id, current_step_id, error, once_key, due_at)
            ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING
            """,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("ids", runs.Select(r => r.Id).ToArray()),
                new NpgsqlParameter("workspaces", runs.Select(r => r.WorkspaceId).ToArray()),
                new NpgsqlParameter("workflows", runs.Select(r => r.WorkflowId).ToArray()),
                new NpgsqlParameter("versions", runs.Select(r => r.Version).ToArray()),
                new NpgsqlParameter("statuses", runs.Select(r => r.Status).ToArray()),
                new NpgsqlParameter("trigger_types", runs.Select(r => r.TriggerType).ToArray()),
                new NpgsqlParameter("trigger_data", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = runs.Select(r => r.TriggerData.ToString()).ToArray() },
                Texts("record_objects", runs.Select(r => r.RecordObject)),
                Texts("record_ids", runs.Select(r => r.RecordId)),
                new NpgsqlParameter("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = runs.Select(r => r.EventId).ToArray() },
                new NpgsqlParameter("depths", runs.Select(r => r.Depth).ToArray()),
                new NpgsqlParameter("caused_by", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = runs.Select(r => r.CausedByRunId).ToArray() },
                Texts("steps", runs.Select(r => r.Status == RunStatus.Running ? r.FirstStepId : null)),
                Texts("errors", runs.Select(r => r.Error)),
                Texts("once_keys", runs.Select(r => r.OnceKey)),
                new NpgsqlParameter("due_ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = runs.Select(r => r.StartAt).ToArray() },
            ],
            ct);

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private async Task CopyAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken ct)
    {
        await using var copy = await BulkCopy.BeginAsync(db, $"COPY workflow_runs ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var run in runs)
        {
            var running = run.Status == RunStatus.Running;
            copy.StartRow();
            copy.Write(run.Id, NpgsqlDbType.Uuid);
            copy.Write(run.WorkspaceId, NpgsqlDbType.Uuid);
            copy.Write(run.WorkflowId, NpgsqlDbType.Uuid);
            copy.Write(run.Version, NpgsqlDbType.Integer);
            copy.Write(run.Status, NpgsqlDbType.Varchar);
            copy.Write(run.TriggerType, NpgsqlDbType.Varchar);
            copy.Write(run.TriggerData.Bytes, NpgsqlDbType.Jsonb);
            copy.Write("{}", NpgsqlDbType.Jsonb);
            WriteNullable(copy, run.RecordObject);
            WriteNullable(copy, run.RecordId);
            if (run.EventId is { } eventId)
            {
                copy.Write(eventId, NpgsqlDbType.Uuid);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(run.Depth, NpgsqlDbType.Integer);
            if (run.CausedByRunId is { } cause)
            {
                copy.Write(cause, NpgsqlDbType.Uuid);
            }
            else
            {
                copy.WriteNull();
            }

            WriteNullable(copy, running ? run.FirstStepId : null);
            copy.Write(run.StartAt ?? now, NpgsqlDbType.TimestampTz);
            copy.Write(0, NpgsqlDbType.Integer);
            copy.Write(0, NpgsqlDbType.Integer);
            WriteNullable(copy, run.Error);
            copy.WriteNull();
            copy.Write(now, NpgsqlDbType.TimestampTz);
            if (running)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(now, NpgsqlDbType.TimestampTz);
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Varchar);
        }
    }
}

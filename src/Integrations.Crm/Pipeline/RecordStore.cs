using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// Set-based SQL over the record tables, on the DbContext's connection and transaction. Every statement is
/// scoped to the caller's workspace here, in one place.
/// </summary>
internal sealed class RecordStore(IntegrationsDbContext db, Caller caller)
{
    /// <summary>Rows whose id or natural key is among those given, locked until the transaction ends.</summary>
    /// <remarks>
    /// Each lookup gets its own indexed arm (primary key; unique workspace + natural key): written as one
    /// <c>id = ANY(…) OR key = ANY(…)</c>, Postgres scans the whole workspace, and an import slows as it grows.
    /// While an import fills a new workspace, the statistics still say the workspace is nearly empty, so Postgres
    /// would rather scan all of its rows than probe an index per key: an import got slower with every chunk. So each
    /// key is looked up on its own (LATERAL … LIMIT 1: the key is unique) and the matches come back as an array.
    /// Even so, those statistics made a key lookup through another workspace-led index look as cheap as through the
    /// unique one, so the workspace is compared as <see cref="RecordSql.KeyInWorkspace"/> and
    /// <see cref="RecordSql.IdInWorkspace"/> say.
    /// </remarks>
    public async Task<List<StoredRecord>> LockAsync(RecordType type, Guid[] ids, string[] keys, CancellationToken ct)
    {
        var byKey = type.NaturalKey is not null && keys.Length > 0;
        if (ids.Length == 0 && !byKey)
        {
            return [];
        }

        await using var command = await CommandAsync(LockSql(type, byKey), ct);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("keys", keys);
        return await ReadAllAsync(type, command, ct);
    }

    /// <summary>The locking read of <see cref="LockAsync"/>: parameters <c>@ws</c>, <c>@ids</c> and <c>@keys</c>.</summary>
    internal static string LockSql(RecordType type, bool byKey)
    {
        var keyArm = byKey
            ? $" UNION SELECT m.id FROM unnest(@keys) AS k(key) CROSS JOIN LATERAL (SELECT id FROM {type.Table} WHERE {RecordSql.KeyInWorkspace()} AND {type.NaturalKey} = k.key LIMIT 1) AS m"
            : "";
        return $"""
            SELECT {RecordSql.For(type).Columns} FROM {type.Table}
            WHERE {RecordSql.IdInWorkspace()} AND id = ANY(ARRAY(SELECT id FROM {type.Table} WHERE {RecordSql.IdInWorkspace()} AND id = ANY(@ids){keyArm}))
            FOR UPDATE
            """;
    }

    /// <summary>Which of <paramref name="ids"/> exist in the workspace.</summary>
    public async Task<HashSet<Guid>> ExistingAsync(RecordType type, Guid[] ids, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            RecordSql.For(type).Existing, ct);
        command.Parameters.AddWithValue("ids", ids);
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    /// <summary>New records: one INSERT for a few, binary COPY for many.</summary>
    public async Task InsertAsync(RecordType type, IReadOnlyList<RecordDraft> created, DateTimeOffset now, CancellationToken ct)
    {
        var sql = RecordSql.For(type);
        if (created.Count < BulkCopy.MinRows)
        {
            await WriteRowsAsync(sql.Insert, created.Select(d => sql.Row(d.Id, d.After, d.AfterCustom)).ToList(), now, ct);
            return;
        }

        await using var copy = await BulkCopy.BeginAsync(db, sql.Copy, ct);
        foreach (var draft in created)
        {
            sql.WriteRow(copy, caller.WorkspaceId, now, draft.Id, draft.After, draft.AfterCustom);
        }

        await copy.CompleteAsync(ct);
    }

    public Task UpdateAsync(RecordType type, IReadOnlyList<JsonObject> rows, DateTimeOffset now, CancellationToken ct) =>
        WriteRowsAsync(RecordSql.For(type).Update, rows, now, ct);

    public async Task DeleteAsync(RecordType type, Guid[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return;
        }

        await using var command = await CommandAsync(RecordSql.For(type).Delete, ct);
        command.Parameters.AddWithValue("ids", ids);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a read: <paramref name="where"/> is ANDed with the workspace filter.</summary>
    public async Task<List<StoredRecord>> SelectAsync(
        RecordType type, string where, string orderAndLimit, IEnumerable<NpgsqlParameter> parameters, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"SELECT {RecordSql.For(type).Columns} FROM {type.Table} WHERE workspace_id = @ws{where} {orderAndLimit}", ct);
        command.Parameters.AddRange(parameters.ToArray());
        return await ReadAllAsync(type, command, ct);
    }

    private async Task WriteRowsAsync(string sql, IReadOnlyList<JsonObject> rows, DateTimeOffset now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = await CommandAsync(sql, ct);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("rows", new JsonArray([.. rows]).ToJsonString());
        await command.ExecuteNonQueryAsync(ct);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "Every statement comes from RecordSql or the activity lookups, built from the static schema (table and column names of RecordTypes); values travel as parameters.")]
    internal async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
        command.Parameters.AddWithValue("ws", caller.WorkspaceId);
        return command;
    }

    private static async Task<List<StoredRecord>> ReadAllAsync(RecordType type, NpgsqlCommand command, CancellationToken ct)
    {
        var sql = RecordSql.For(type);
        var rows = new List<StoredRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(sql.Read(reader));
        }

        return rows;
    }
}

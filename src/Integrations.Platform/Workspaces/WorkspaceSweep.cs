using System.Diagnostics.CodeAnalysis;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Workspaces;

/// <summary>
/// Removes a deleted workspace's rows from every table that has a <c>workspace_id</c>, read from the catalog so that a
/// module's new table is covered without being listed: tables that refer to others first, each in batches of its own
/// short transaction, pass after pass until one finds nothing (what a job still running wrote meanwhile), and the
/// workspace row last. The only
/// code that reaches into every module's tables, because a tenant leaves whole. Runs only for a workspace marked
/// deleted, under a lock per workspace, and picks up where it stopped; the hourly <see cref="ResumeAsync"/> finishes
/// what a lost job left.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
    Justification = "Table names come from the catalog; the workspace id is a parameter.")]
internal sealed partial class WorkspaceSweep(IntegrationsDbContext db, Caller caller, IEnumerable<IWorkspaceTeardown> teardowns, ILogger<WorkspaceSweep> log)
{
    public const string ResumeJobId = "workspaces-removal";
    private const int Batch = 5_000;
    private const int MaxPasses = 3;

    // People are not the workspace's: their account's workspace_id only remembers where they were last.
    private static readonly HashSet<string> Kept = ["AspNetUsers"];

    public async Task RunAsync(Guid workspaceId, CancellationToken ct)
    {
        // A session lock on a connection held for the run: the hourly resume and an enqueued run take turns.
        var key = "workspace-removal:" + workspaceId.ToString("N");
        await db.Database.OpenConnectionAsync(ct);
        var locked = false;
        try
        {
            locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtextextended({key}, 0)) AS \"Value\"").SingleAsync(ct);
            if (!locked)
            {
                return;
            }

            var marked = await db.Set<Workspace>().Where(w => w.Id == workspaceId).Select(w => w.DeletingSince).SingleOrDefaultAsync(ct);
            if (marked is null)
            {
                return;
            }

            caller.ActAsSystem(workspaceId);
            foreach (var teardown in teardowns)
            {
                await teardown.StopAsync(workspaceId, ct);
            }

            foreach (var teardown in teardowns)
            {
                await teardown.ReleaseAsync(workspaceId, ct);
            }

            // Pass after pass until one finds nothing: work that was in flight (a delivery's answer, a chunk) may still
            // write after its table's pass. A workspace that will not go quiet keeps its row, and the hourly resume returns.
            var tables = await TablesAsync(ct);
            long removed = 0;
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                long found = 0;
                foreach (var table in tables)
                {
                    found += await SweepAsync(table, workspaceId, ct);
                }

                removed += found;
                if (found == 0)
                {
                    await db.Set<Workspace>().Where(w => w.Id == workspaceId).ExecuteDeleteAsync(ct);
                    LogRemoved(workspaceId, removed, tables.Count);
                    return;
                }
            }

            LogNotQuiet(workspaceId, removed);
        }
        finally
        {
            if (locked)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended({key}, 0))", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Finishes every deletion still marked (a job lost with its server, or stopped by a deploy).</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        var marked = await db.Set<Workspace>().Where(w => w.DeletingSince != null).Select(w => w.Id).ToListAsync(ct);
        foreach (var id in marked)
        {
            try
            {
                await RunAsync(id, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogResumeFailed(e, id);
            }
        }
    }

    private async Task<long> SweepAsync(string table, Guid workspaceId, CancellationToken ct)
    {
        // By row address, so that each statement deletes a bounded batch; on a partitioned table an address may repeat
        // across partitions, and the outer filter keeps every match in this workspace.
        var sql = $"""
            DELETE FROM "{table}" WHERE workspace_id = @p0
              AND ctid = ANY(ARRAY(SELECT ctid FROM "{table}" WHERE workspace_id = @p0 LIMIT {Batch}))
            """;
        long total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(sql, [new Npgsql.NpgsqlParameter("p0", workspaceId)], ct);
            total += deleted;
        }
        while (deleted > 0);
        return total;
    }

    /// <summary>The tables with a workspace_id, those that refer to another of them first.</summary>
    private async Task<List<string>> TablesAsync(CancellationToken ct)
    {
        var tables = await db.Database.SqlQuery<string>($"""
            SELECT c.relname AS "Value" FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname
            """).ToListAsync(ct);
        tables.RemoveAll(Kept.Contains);
        var references = await db.Database.SqlQuery<Reference>($"""
            SELECT child.relname AS "From", parent.relname AS "To" FROM pg_constraint f
            JOIN pg_class child ON child.oid = f.conrelid JOIN pg_class parent ON parent.oid = f.confrelid
            WHERE f.contype = 'f' AND f.connamespace = current_schema()::regnamespace AND f.conrelid <> f.confrelid
            """).ToListAsync(ct);
        var ordered = new List<string>();
        var left = new List<string>(tables);
        while (left.Count > 0)
        {
            // A table no remaining table refers to can go now; a cycle (none today) goes in name order.
            var free = left.Where(t => !references.Any(r => r.To == t && r.From != t && left.Contains(r.From))).ToList();
            if (free.Count == 0)
            {
                free = [left[0]];
            }

            ordered.AddRange(free);
            left.RemoveAll(free.Contains);
        }

        return ordered;
    }

    private sealed class Reference
    {
        public required string From { get; init; }

        public required string To { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId} removed: {Rows} rows from {Tables} tables")]
    private partial void LogRemoved(Guid workspaceId, long rows, int tables);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId}: {Rows} rows removed, but rows still arrive; the hourly resume goes on")]
    private partial void LogNotQuiet(Guid workspaceId, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Removing deleted workspace {WorkspaceId} failed; the next resume tries again")]
    private partial void LogResumeFailed(Exception e, Guid workspaceId);
}

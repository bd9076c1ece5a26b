using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Automation.Runs;

/// <summary>
/// Leases due runs (running or waiting, due, and not leased or with an expired lease), skipping rows another executor
/// holds (SKIP LOCKED), and returns them whole, so working on one starts without reading it again. The lease commits
/// with the claim, before any step runs: a crash leaves it to expire. A run of a deleted workflow is stopped instead.
/// </summary>
internal sealed class RunClaim(TimeProvider clock)
{
    public const string WorkflowDeleted = "The workflow was deleted.";

    private const string Sql =
        """
        WITH due AS (
            SELECT id FROM workflow_runs
            WHERE status IN ('running', 'waiting') AND due_at <= @now AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY due_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        UPDATE workflow_runs r
        SET lease_until = CASE WHEN w.deleted_at IS NULL THEN @lease_until END,
            status = CASE WHEN w.deleted_at IS NULL THEN 'running' ELSE 'stopped' END,
            error = CASE WHEN w.deleted_at IS NULL THEN r.error ELSE @deleted END,
            finished_at = CASE WHEN w.deleted_at IS NULL THEN r.finished_at ELSE @now END
        FROM due, workflows w WHERE r.id = due.id AND w.id = r.workflow_id
        RETURNING r.*
        """;

    public Task<List<WorkflowRun>> ClaimAsync(IntegrationsDbContext db, int batch, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Set<WorkflowRun>()
            .FromSqlRaw(Sql, new NpgsqlParameter("now", now), new NpgsqlParameter("lease_until", now + lease), new NpgsqlParameter("batch", batch),
                new NpgsqlParameter("deleted", WorkflowDeleted))
            .IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync(ct);
    }
}

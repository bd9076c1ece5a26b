using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Workspaces;

/// <summary>The facade over workspaces: create one, look one up, read its plan's limits.</summary>
public sealed class WorkspaceDirectory
{
    private readonly IntegrationsDbContext db;
    private readonly TimeProvider clock;
    private readonly IOptionsMonitor<PlanOptions> plans;

    internal WorkspaceDirectory(IntegrationsDbContext db, TimeProvider clock, IOptionsMonitor<PlanOptions> plans)
    {
        this.db = db;
        this.clock = clock;
        this.plans = plans;
    }

    public Task<Workspace?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Workspace>().FirstOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>The oldest workspace not being deleted.</summary>
    public Task<Workspace?> FirstAsync(CancellationToken ct) =>
        db.Set<Workspace>().Where(w => w.DeletingSince == null).OrderBy(w => w.Id).FirstOrDefaultAsync(ct);

    public async Task<Workspace> CreateAsync(string name, Plan plan, CancellationToken ct)
    {
        var workspace = new Workspace { Id = PublicId.NewId(clock), Name = name, Plan = plan, CreatedAt = clock.GetUtcNow() };
        db.Add(workspace);
        await db.SaveChangesAsync(ct);
        return workspace;
    }

    public PlanLimits LimitsFor(Plan plan) => plans.CurrentValue.For(plan);

    /// <summary>
    /// Adds <paramref name="delta"/> records to the workspace's count when its plan allows, in the caller's
    /// transaction. One conditional UPDATE: the row lock serializes concurrent writers, so no race can pass the limit.
    /// </summary>
    public async Task<RecordAllowance> ReserveRecordsAsync(Guid workspaceId, long delta, CancellationToken ct)
    {
        if (delta == 0)
        {
            return RecordAllowance.Granted(0);
        }

        var limits = plans.CurrentValue;
        var counts = await db.Database.SqlQueryRaw<long>(
            """
            UPDATE workspaces SET record_count = GREATEST(record_count + {0}, 0)
            WHERE id = {1} AND ({0} <= 0 OR record_count + {0} <= CASE plan WHEN 'Starter' THEN {2} WHEN 'Growth' THEN {3} ELSE {4} END)
            RETURNING record_count AS "Value"
            """,
            delta, workspaceId, limits.Starter.MaxRecords, limits.Growth.MaxRecords, limits.Scale.MaxRecords).ToListAsync(ct);
        if (counts.Count == 1)
        {
            return RecordAllowance.Granted(counts[0]);
        }

        var workspace = await db.Set<Workspace>().AsNoTracking().FirstAsync(w => w.Id == workspaceId, ct);
        return new RecordAllowance(false, workspace.RecordCount, workspace.Plan, limits.For(workspace.Plan).MaxRecords);
    }
}

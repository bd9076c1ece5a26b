using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Workspaces;

/// <summary>The facade over workspaces: create one, look one up, read its plan's limits.</summary>
public sealed class WorkspaceDirectory(IntegrationsDbContext db, TimeProvider clock, IOptionsMonitor<PlanOptions> plans)
{
    public Task<Workspace?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Workspace>().FirstOrDefaultAsync(w => w.Id == id, ct);

    public Task<Workspace?> FirstAsync(CancellationToken ct) =>
        db.Set<Workspace>().OrderBy(w => w.Id).FirstOrDefaultAsync(ct);

    public async Task<Workspace> CreateAsync(string name, Plan plan, CancellationToken ct)
    {
        var workspace = new Workspace { Id = PublicId.NewId(clock), Name = name, Plan = plan, CreatedAt = clock.GetUtcNow() };
        db.Add(workspace);
        await db.SaveChangesAsync(ct);
        return workspace;
    }

    public PlanLimits LimitsFor(Plan plan) => plans.CurrentValue.For(plan);
}

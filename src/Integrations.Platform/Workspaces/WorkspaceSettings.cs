using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;

namespace Integrations.Platform.Workspaces;

/// <summary>What changing the workspace's name or plan came to.</summary>
/// <param name="Records">When the plan was refused: the records the workspace holds, over the plan's limit.</param>
public sealed record SettingsChange(bool Done, long Records = 0, long Limit = 0);

/// <summary>The caller's workspace's name and plan, changed by its owners and audited as <c>workspace.updated</c>.</summary>
public sealed class WorkspaceSettings
{
    private readonly IntegrationsDbContext db;
    private readonly WorkspaceDirectory workspaces;
    private readonly AuditTrail audit;
    private readonly Caller caller;

    internal WorkspaceSettings(IntegrationsDbContext db, WorkspaceDirectory workspaces, AuditTrail audit, Caller caller)
    {
        this.db = db;
        this.workspaces = workspaces;
        this.audit = audit;
        this.caller = caller;
    }

    /// <summary>
    /// Renames the workspace and moves it to <paramref name="plan"/>, unless it holds more records than that plan allows.
    /// The row is locked, so an import adding records meanwhile cannot slip past the check.
    /// </summary>
    public async Task<SettingsChange> ChangeAsync(string name, Plan plan, CancellationToken ct)
    {
        var id = caller.WorkspaceId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var workspace = await db.LockedWorkspaceAsync(id, ct) ?? throw new InvalidOperationException("The caller's workspace is gone.");
        var limit = workspaces.LimitsFor(plan).MaxRecords;
        if (workspace.RecordCount > limit)
        {
            return new SettingsChange(false, workspace.RecordCount, limit);
        }

        if (workspace.Name != name || workspace.Plan != plan)
        {
            audit.Add("workspace.updated", "workspace", PublicId.Format(IdPrefixes.Workspace, id), new
            {
                name = new { from = workspace.Name, to = name },
                plan = new { from = AuditTrail.Name(workspace.Plan), to = AuditTrail.Name(plan) },
            });
            workspace.Name = name;
            workspace.Plan = plan;
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new SettingsChange(true);
    }
}

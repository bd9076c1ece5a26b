using System.Globalization;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Workflows;

/// <summary>
/// The plan's limit on enabled workflows. Call inside the transaction that enables one: a transaction-scoped advisory
/// lock per workspace makes two concurrent enables take turns, so both cannot see the last free place.
/// </summary>
internal sealed class ActiveWorkflowLimit(IntegrationsDbContext db, WorkspaceDirectory workspaces)
{
    /// <summary>Null when one more workflow may be enabled; else why not, naming the plan and its limit.</summary>
    public async Task<string?> RefusalAsync(Guid workspaceId, CancellationToken ct)
    {
        var key = "workflows:" + workspaceId.ToString("N");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        var workspace = await workspaces.FindAsync(workspaceId, ct) ?? throw new InvalidOperationException("Workflows need a caller with a workspace.");
        var limit = workspaces.LimitsFor(workspace.Plan).ActiveWorkflows;
        var active = await CountAsync(db, ct);
        return active < limit
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The {workspace.Plan} plan allows {limit:N0} enabled workflows and this workspace has {active:N0}. Disable one, or move to a larger plan.");
    }

    /// <summary>What the limit counts: the caller's workspace's enabled workflows.</summary>
    public static Task<int> CountAsync(IntegrationsDbContext db, CancellationToken ct) =>
        db.Set<Workflow>().CountAsync(w => w.Enabled && w.DeletedAt == null, ct);
}

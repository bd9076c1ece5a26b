using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Identity;

/// <summary>A workspace as one of a user's: the switcher's entry.</summary>
public sealed record MemberWorkspace(Guid Id, string Name, WorkspaceRole Role);

/// <summary>Who belongs to which workspace, in which role.</summary>
public sealed class WorkspaceMembers
{
    private readonly IntegrationsDbContext db;
    private readonly WorkspaceDirectory workspaces;
    private readonly AuditTrail audit;
    private readonly Caller caller;
    private readonly TimeProvider clock;

    internal WorkspaceMembers(IntegrationsDbContext db, WorkspaceDirectory workspaces, AuditTrail audit, Caller caller, TimeProvider clock)
    {
        this.db = db;
        this.workspaces = workspaces;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /// <summary>The user's role in the workspace; null when not a member.</summary>
    public Task<WorkspaceRole?> RoleAsync(Guid userId, Guid workspaceId, CancellationToken ct) =>
        db.Set<WorkspaceMember>().Where(m => m.UserId == userId && m.WorkspaceId == workspaceId)
            .Select(m => (WorkspaceRole?)m.Role).SingleOrDefaultAsync(ct);

    /// <summary>The user's workspaces, by name.</summary>
    public Task<List<MemberWorkspace>> OfUserAsync(Guid userId, CancellationToken ct) =>
        db.Set<WorkspaceMember>().Where(m => m.UserId == userId)
            .Join(db.Set<Workspace>(), m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, m.Role })
            .OrderBy(w => w.Name).ThenBy(w => w.Id)
            .Select(w => new MemberWorkspace(w.Id, w.Name, w.Role)).ToListAsync(ct);

    /// <summary>A new workspace, the user its owner; audited in it as <c>workspace.created</c>.</summary>
    public async Task<Workspace> CreateWorkspaceAsync(AdminUser owner, string name, Plan plan, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var workspace = await workspaces.CreateAsync(name, plan, ct);
        db.Add(new WorkspaceMember { WorkspaceId = workspace.Id, UserId = owner.Id, Role = WorkspaceRole.Owner, JoinedAt = clock.GetUtcNow() });
        caller.Act(workspace.Id, ActorType.User, owner.Id.ToString(), owner.Email ?? owner.UserName ?? "user", caller.Source);
        audit.Add("workspace.created", "workspace", PublicId.Format(IdPrefixes.Workspace, workspace.Id), new { name, plan = AuditTrail.Name(plan) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return workspace;
    }
}

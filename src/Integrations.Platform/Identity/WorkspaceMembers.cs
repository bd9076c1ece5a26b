using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Identity;

/// <summary>A workspace as one of a user's: the switcher's entry.</summary>
public sealed record MemberWorkspace(Guid Id, string Name, WorkspaceRole Role);

/// <summary>A member as the members page lists them.</summary>
public sealed record MemberView(Guid UserId, string Email, WorkspaceRole Role, DateTimeOffset JoinedAt);

public enum MemberChange
{
    Done,
    NotFound,
    /// <summary>Refused: the workspace would be left without an owner.</summary>
    LastOwner,
}

/// <summary>Who belongs to which workspace, in which role. Changes act on the caller's workspace and are audited there.</summary>
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

    /// <summary>The caller's workspace's members, owners first.</summary>
    public async Task<List<MemberView>> ListAsync(CancellationToken ct)
    {
        var members = await db.Set<WorkspaceMember>().Where(m => m.WorkspaceId == caller.WorkspaceId)
            .Join(db.Set<AdminUser>(), m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, m.Role, m.JoinedAt })
            .ToListAsync(ct);
        // By role in memory: the database holds the roles' names, not their order.
        return [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MemberView(m.UserId, m.Email ?? "", m.Role, m.JoinedAt))];
    }

    /// <summary>Gives a member another role; the last owner keeps theirs.</summary>
    public Task<MemberChange> ChangeRoleAsync(Guid userId, WorkspaceRole role, CancellationToken ct) =>
        ChangeAsync(userId, role, ct);

    /// <summary>Takes a member out of the workspace; the last owner stays. Their sessions leave it at their next click.</summary>
    public Task<MemberChange> RemoveAsync(Guid userId, CancellationToken ct) => ChangeAsync(userId, null, ct);

    private async Task<MemberChange> ChangeAsync(Guid userId, WorkspaceRole? role, CancellationToken ct)
    {
        var workspace = caller.WorkspaceId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The owners' rows locked: two owners demoting each other at once cannot leave none.
        var owners = await db.Set<WorkspaceMember>()
            .FromSql($"SELECT * FROM workspace_members WHERE workspace_id = {workspace} AND role = 'owner' FOR UPDATE")
            .Select(m => m.UserId).ToListAsync(ct);
        var member = await db.Set<WorkspaceMember>().SingleOrDefaultAsync(m => m.WorkspaceId == workspace && m.UserId == userId, ct);
        if (member is null)
        {
            return MemberChange.NotFound;
        }

        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner && owners.Count == 1)
        {
            return MemberChange.LastOwner;
        }

        var email = await db.Set<AdminUser>().Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(ct);
        if (role is { } next)
        {
            if (next != member.Role)
            {
                audit.Add("member.role_changed", "member", userId.ToString(),
                    new { email, from = AuditTrail.Name(member.Role), to = AuditTrail.Name(next) });
                member.Role = next;
            }
        }
        else
        {
            db.Remove(member);
            audit.Add("member.removed", "member", userId.ToString(), new { email, role = AuditTrail.Name(member.Role) });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return MemberChange.Done;
    }

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

using System.Security.Cryptography;
using System.Text;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Identity;

/// <summary>An invitation as its link shows it, before anyone accepts it.</summary>
public sealed record InvitationView(WorkspaceInvitation Invitation, string WorkspaceName, string InvitedByEmail);

public enum AcceptOutcome
{
    Joined,
    AlreadyMember,
    /// <summary>Unknown, used, revoked or expired: the same answer for each, so a link tells nothing about others.</summary>
    NotOpen,
    WrongPerson,
}

/// <summary>Owners invite people by email and role; the link is single-use and valid for <see cref="Validity"/>.</summary>
public sealed class WorkspaceInvitations
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    private readonly IntegrationsDbContext db;
    private readonly AuditTrail audit;
    private readonly Caller caller;
    private readonly TimeProvider clock;

    internal WorkspaceInvitations(IntegrationsDbContext db, AuditTrail audit, Caller caller, TimeProvider clock)
    {
        this.db = db;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /// <summary>Invites <paramref name="email"/> to the caller's workspace; any open invitation of that email there is
    /// revoked. The token (for the link) is returned once and never stored. Null when the email is already a member.</summary>
    public async Task<(WorkspaceInvitation Invitation, string Token)?> CreateAsync(string email, WorkspaceRole role, Guid invitedBy, CancellationToken ct)
    {
        // Stored lower case: one open invitation per address, whatever case it was typed in.
        email = email.Trim().ToLowerInvariant();
        var normalized = email.ToUpperInvariant();
        var workspace = caller.WorkspaceId;
        var member = await db.Set<WorkspaceMember>().Where(m => m.WorkspaceId == workspace)
            .Join(db.Set<AdminUser>(), m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail).AnyAsync(e => e == normalized, ct);
        if (member)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<WorkspaceInvitation>()
            .Where(i => i.WorkspaceId == workspace && i.Email == email && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var invitation = new WorkspaceInvitation
        {
            Id = PublicId.NewId(clock), WorkspaceId = workspace, Email = email, Role = role, TokenHash = Hash(token),
            InvitedBy = invitedBy, CreatedAt = now, ExpiresAt = now + Validity,
        };
        db.Add(invitation);
        audit.Add("member.invited", "invitation", invitation.Id.ToString(), new { email, role = AuditTrail.Name(role), expires_at = invitation.ExpiresAt });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (invitation, token);
    }

    /// <summary>The caller's workspace's invitations nobody has accepted or revoked yet, expired ones included.</summary>
    public Task<List<WorkspaceInvitation>> PendingAsync(CancellationToken ct) =>
        db.Set<WorkspaceInvitation>().AsNoTracking()
            .Where(i => i.WorkspaceId == caller.WorkspaceId && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var invitation = await db.Set<WorkspaceInvitation>()
            .FirstOrDefaultAsync(i => i.Id == id && i.WorkspaceId == caller.WorkspaceId && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            return false;
        }

        invitation.RevokedAt = clock.GetUtcNow();
        audit.Add("member.invitation_revoked", "invitation", invitation.Id.ToString(), new { invitation.Email });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The open invitation behind a link, for its page; null when it is unknown, used, revoked or expired.</summary>
    public async Task<InvitationView?> OpenAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var found = await db.Set<WorkspaceInvitation>().AsNoTracking().Where(i => i.TokenHash == hash)
            .Join(db.Set<Workspace>(), i => i.WorkspaceId, w => w.Id, (i, w) => new { Invitation = i, w.Name })
            .SingleOrDefaultAsync(ct);
        if (found is null || !found.Invitation.IsOpen(now))
        {
            return null;
        }

        var inviter = await db.Set<AdminUser>().Where(u => u.Id == found.Invitation.InvitedBy).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return new InvitationView(found.Invitation, found.Name, inviter ?? "an owner");
    }

    /// <summary>Accepts the invitation as <paramref name="user"/>, whose email must be the invited one: the link is used
    /// up in the same transaction that makes the membership, so it works once.</summary>
    public async Task<(AcceptOutcome Outcome, Guid WorkspaceId)> AcceptAsync(string token, AdminUser user, CancellationToken ct)
    {
        var view = await OpenAsync(token, ct);
        if (view is null)
        {
            return (AcceptOutcome.NotOpen, Guid.Empty);
        }

        var invitation = view.Invitation;
        if (!string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return (AcceptOutcome.WrongPerson, Guid.Empty);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var used = await db.Set<WorkspaceInvitation>()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, user.Id), ct);
        if (used == 0)
        {
            return (AcceptOutcome.NotOpen, Guid.Empty);
        }

        if (await db.Set<WorkspaceMember>().AnyAsync(m => m.WorkspaceId == invitation.WorkspaceId && m.UserId == user.Id, ct))
        {
            await transaction.CommitAsync(ct);
            return (AcceptOutcome.AlreadyMember, invitation.WorkspaceId);
        }

        db.Add(new WorkspaceMember { WorkspaceId = invitation.WorkspaceId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
        caller.Act(invitation.WorkspaceId, ActorType.User, user.Id.ToString(), user.Email ?? "user", caller.Source);
        audit.Add("member.joined", "member", user.Id.ToString(), new { user.Email, role = AuditTrail.Name(invitation.Role), invitation = invitation.Id.ToString() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (AcceptOutcome.Joined, invitation.WorkspaceId);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

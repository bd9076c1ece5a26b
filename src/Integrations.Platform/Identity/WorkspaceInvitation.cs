namespace Integrations.Platform.Identity;

/// <summary>An owner's invitation to join a workspace in a role: a single-use link, valid for
/// <see cref="WorkspaceInvitations.Validity"/>. Only the SHA-256 of the link's token is stored.</summary>
public sealed class WorkspaceInvitation
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Email { get; init; }
    public WorkspaceRole Role { get; init; }
    public required byte[] TokenHash { get; init; }
    public Guid InvitedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}

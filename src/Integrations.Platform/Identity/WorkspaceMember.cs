namespace Integrations.Platform.Identity;

/// <summary>A person's place in a workspace: one row per (workspace, user).</summary>
public sealed class WorkspaceMember
{
    public Guid WorkspaceId { get; init; }
    public Guid UserId { get; init; }
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; init; }
}

namespace Integrations.Platform.Identity;

/// <summary>What a member may do in a workspace. Stored by name, lower case.</summary>
public enum WorkspaceRole
{
    /// <summary>Reads every page; changes nothing; never sees a secret.</summary>
    Viewer,

    /// <summary>Everything but the members and the workspace's settings.</summary>
    Admin,

    /// <summary>Everything, members and deleting the workspace included.</summary>
    Owner,
}

public static class WorkspaceRoles
{
    /// <summary>The role's name as stored, shown and carried in the session's claims: <c>owner</c>, <c>admin</c>,
    /// <c>viewer</c>.</summary>
    public static string Name(this WorkspaceRole role) => role.ToString().ToLowerInvariant();
}

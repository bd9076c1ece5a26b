using Microsoft.AspNetCore.Identity;

namespace Integrations.Platform.Identity;

/// <summary>A person who signs in to the admin UI; a member of one or more workspaces (<see cref="WorkspaceMember"/>).</summary>
public sealed class AdminUser : IdentityUser<Guid>
{
    /// <summary>The workspace a new sign-in opens: the one last switched to. Each session keeps its own.</summary>
    public Guid WorkspaceId { get; set; }
}

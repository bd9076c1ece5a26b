using System.Security.Claims;

namespace Integrations.Web.Hosting.Team;

/// <summary>The signed-in person's role in the session's workspace, as <see cref="WorkspaceRoleClaims"/> found it for
/// this request.</summary>
internal static class WorkspaceAccess
{
    public const string RoleClaim = "sentinel:workspace_role";

    public static Platform.Identity.WorkspaceRole? WorkspaceRole(this ClaimsPrincipal user) =>
        Enum.TryParse<Platform.Identity.WorkspaceRole>(user.FindFirstValue(RoleClaim), ignoreCase: true, out var role) ? role : null;
}

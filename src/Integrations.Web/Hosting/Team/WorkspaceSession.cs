using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting.Team;

/// <summary>Moves the session to one of the person's workspaces: the cookie is issued again with it, and it becomes
/// the workspace their next sign-in opens. Other sessions keep theirs.</summary>
internal sealed class WorkspaceSession(UserManager<AdminUser> users, SignInManager<AdminUser> signIn)
{
    public async Task SwitchAsync(AdminUser user, Guid workspaceId)
    {
        user.WorkspaceId = workspaceId;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
    }
}

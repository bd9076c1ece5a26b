using Integrations.Platform.Identity;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Workspaces;

/// <summary>The switcher's post: the session moves to another of the person's workspaces (never one they are not in).</summary>
[WithoutWorkspace]
internal sealed class SwitchModel(WorkspaceMembers members, UserManager<AdminUser> users, WorkspaceSession session) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync([FromForm] Guid workspace, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await members.RoleAsync(user.Id, workspace, ct) is null)
        {
            return NotFound();
        }

        await session.SwitchAsync(user, workspace);
        return Redirect("/");
    }
}

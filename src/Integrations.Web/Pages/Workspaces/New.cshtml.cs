using System.ComponentModel.DataAnnotations;
using Integrations.Platform.Identity;
using Integrations.Platform.Workspaces;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Workspaces;

/// <summary>Any signed-in person creates a workspace and becomes its owner; the session moves to it.</summary>
[WithoutWorkspace]
internal sealed class NewModel(WorkspaceMembers members, UserManager<AdminUser> users, WorkspaceSession session) : PageModel
{
    [BindProperty, Required, StringLength(200), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty, Required]
    public Plan Plan { get; set; } = Plan.Starter;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Name = Name?.Trim() ?? "";
        if (Name.Length == 0)
        {
            ModelState.AddModelError(nameof(Name), "Give the workspace a name.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var workspace = await members.CreateWorkspaceAsync(user, Name, Plan, ct);
        await session.SwitchAsync(user, workspace.Id);
        return Redirect("/");
    }
}

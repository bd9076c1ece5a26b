using System.ComponentModel.DataAnnotations;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Platform.Identity;
using Integrations.Platform.Workspaces;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Team;

/// <summary>The workspace's members and invitations, for its owners: invite, change a role, remove, revoke.</summary>
[OwnersOnly]
internal sealed class IndexModel(
    WorkspaceMembers members, WorkspaceInvitations invitations, UserManager<AdminUser> users, KeyReveal reveal, InvitationMail mail,
    WorkspaceDirectory workspaces, Caller caller, TimeProvider clock)
    : PageModel
{
    public IReadOnlyList<MemberView> Members { get; private set; } = [];

    public IReadOnlyList<WorkspaceInvitation> Pending { get; private set; } = [];

    public string? InviteLink { get; private set; }

    public DateTimeOffset Now { get; private set; }

    [BindProperty, Required(ErrorMessage = "Enter the email address to invite."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string Email { get; set; } = "";

    [BindProperty]
    public WorkspaceRole Role { get; set; } = WorkspaceRole.Admin;

    [TempData]
    public string? RevealTicket { get; set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        InviteLink = reveal.Take(RevealTicket);
        if (InviteLink is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var invited = await invitations.CreateAsync(Email, Role, CurrentUserId(), ct);
        if (invited is not { } made)
        {
            ModelState.AddModelError(nameof(Email), $"{Email} is already a member of this workspace.");
            await LoadAsync(ct);
            return Page();
        }

        var link = Url.PageLink("/Invitations/Accept", values: new { token = made.Token })!;
        var workspace = (await workspaces.FindAsync(caller.WorkspaceId, ct))!.Name;
        var mailed = await mail.SendAsync(made.Invitation, link, workspace, User.Identity?.Name ?? "An owner", ct);
        RevealTicket = reveal.Hold(link);
        Notice = $"Invited {made.Invitation.Email} as {made.Invitation.Role.Name()}. The link works once, for 7 days. {mailed}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, WorkspaceRole role, CancellationToken ct) =>
        Outcome(await members.ChangeRoleAsync(userId, role, ct), $"Role changed to {role.Name()}.");

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken ct)
    {
        var outcome = await members.RemoveAsync(userId, ct);
        if (outcome == MemberChange.Done && userId == CurrentUserId())
        {
            return Redirect("/");
        }

        return Outcome(outcome, "Member removed.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        Notice = await invitations.RevokeAsync(id, ct) ? "Invitation revoked; its link no longer works." : null;
        return RedirectToPage();
    }

    private IActionResult Outcome(MemberChange outcome, string done)
    {
        switch (outcome)
        {
            case MemberChange.Done:
                Notice = done;
                break;
            case MemberChange.LastOwner:
                Problem = "A workspace needs an owner: make someone else an owner first.";
                break;
            default:
                return NotFound();
        }

        return RedirectToPage();
    }

    private Guid CurrentUserId() => Guid.Parse(users.GetUserId(User)!);

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Members = await members.ListAsync(ct);
        Pending = await invitations.PendingAsync(ct);
    }
}

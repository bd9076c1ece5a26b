using System.ComponentModel.DataAnnotations;
using Integrations.Platform.Identity;
using Integrations.Web.Hosting;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Invitations;

/// <summary>
/// An invitation's link. The invited person joins as they are signed in, signs in first, or (new here) creates their
/// account with the invited email and the usual password rules; the link then works no more.
/// </summary>
[WithoutWorkspace]
internal sealed class AcceptModel(
    WorkspaceInvitations invitations, UserManager<AdminUser> users, SignInManager<AdminUser> signIn, WorkspaceSession session,
    PlatformOperators operators) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public InvitationView? Invitation { get; private set; }

    /// <summary>An account with the invited email exists (it signs in to accept).</summary>
    public bool HasAccount { get; private set; }

    [BindProperty, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "Password again")]
    public string Confirm { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Gone();

    /// <summary>Joins as the signed-in person.</summary>
    public async Task<IActionResult> OnPostJoinAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return await AcceptAsync(user, ct);
    }

    /// <summary>Creates the invited person's account, then joins.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Gone();
        }

        if (HasAccount || User.Identity?.IsAuthenticated == true)
        {
            return RedirectToPage(new { Token });
        }

        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "The two passwords differ.");
            return Page();
        }

        var email = Invitation!.Invitation.Email;
        if (operators.Lists(email))
        {
            ModelState.AddModelError(nameof(Password),
                "This address is one of the platform's operators, and its account cannot be made from an invitation. Ask them to create it.");
            return Page();
        }

        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, WorkspaceId = Invitation.Invitation.WorkspaceId };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return await AcceptAsync(user, ct);
    }

    private async Task<IActionResult> AcceptAsync(AdminUser user, CancellationToken ct)
    {
        var (outcome, workspace) = await invitations.AcceptAsync(Token, user, ct);
        switch (outcome)
        {
            case AcceptOutcome.Joined or AcceptOutcome.AlreadyMember:
                await session.SwitchAsync(user, workspace);
                return Redirect("/");
            case AcceptOutcome.WrongPerson:
                return RedirectToPage(new { Token });
            default:
                return Gone();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Invitation = await invitations.OpenAsync(Token, ct);
        HasAccount = Invitation is not null && await users.FindByEmailAsync(Invitation.Invitation.Email) is not null;
        return Invitation is not null;
    }

    /// <summary>Used, revoked, expired or never issued: one answer for all.</summary>
    private PageResult Gone()
    {
        Invitation = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Integrations.Platform.Identity;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Account;

/// <summary>The signed-in person's account: change the password, sign out everywhere. Either ends every other session
/// (a new security stamp, checked every minute); the password change keeps this one.</summary>
[WithoutWorkspace]
internal sealed class IndexModel(UserManager<AdminUser> users, SignInManager<AdminUser> signIn) : PageModel
{
    [BindProperty, DataType(DataType.Password), Display(Name = "Current password")]
    public string Current { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "New password")]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "New password again")]
    public string Confirm { get; set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public bool TwoFactor { get; private set; }

    public async Task OnGetAsync() => TwoFactor = (await users.GetUserAsync(User))?.TwoFactorEnabled == true;

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        TwoFactor = user.TwoFactorEnabled;
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "The two new passwords differ.");
            return Page();
        }

        var changed = await users.ChangePasswordAsync(user, Current, Password);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(Current) : nameof(Password),
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        // The change gave the account a new security stamp: this session gets a cookie with it, the others end.
        await signIn.RefreshSignInAsync(user);
        Notice = "Password changed. Your other sessions are signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }
}

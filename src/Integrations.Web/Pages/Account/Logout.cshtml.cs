using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Account;

[Integrations.Web.Hosting.Team.WithoutWorkspace]
public sealed class LogoutModel(SignInManager<AdminUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }
}

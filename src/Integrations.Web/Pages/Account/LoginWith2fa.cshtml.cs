using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Account;

/// <summary>The second step of signing in for an account with two-factor on: a code from the authenticator app, or one of
/// the recovery codes (each works once). Failed codes count towards the lockout like failed passwords.</summary>
public sealed class LoginWith2faModel(SignInManager<AdminUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public Task<IActionResult> OnPostAsync() =>
        SignInAsync(nameof(Code), TwoFactorCodes.Authenticator(Code), "Enter the 6-digit code from your authenticator app.",
            code => signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false),
            "That code is not valid. Codes change every 30 seconds: enter the one your app shows now.");

    public Task<IActionResult> OnPostRecoveryAsync() =>
        SignInAsync(nameof(RecoveryCode), TwoFactorCodes.Recovery(RecoveryCode), "Enter one of your recovery codes.",
            signIn.TwoFactorRecoveryCodeSignInAsync, "That recovery code is not valid, or was used already.");

    private async Task<IActionResult> SignInAsync(
        string field, string code, string missing, Func<string, Task<Microsoft.AspNetCore.Identity.SignInResult>> signInWith, string wrong)
    {
        // Without the first step's cookie (expired, or never signed in with the password) there is no one to sign in.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (code.Length == 0)
        {
            ModelState.AddModelError(field, missing);
            return Page();
        }

        var result = await signInWith(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(field, result.IsLockedOut ? "Too many failed attempts; this account is locked for a few minutes." : wrong);
        return Page();
    }
}

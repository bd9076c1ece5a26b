using System.Globalization;
using System.Text;
using Integrations.Platform.Identity;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Integrations.Web.Pages.Account;

/// <summary>
/// Optional two-factor sign-in with an authenticator app (TOTP): scan the QR code or type the key, confirm with a code,
/// and keep the ten recovery codes shown once. Turning it off takes the password. Each change gives the account a new
/// security stamp: this session stays, the others end within a minute.
/// </summary>
[WithoutWorkspace]
internal sealed partial class TwoFactorModel(UserManager<AdminUser> users, SignInManager<AdminUser> signIn, ILogger<TwoFactorModel> log)
    : PageModel
{
    private const string Issuer = "Sentinel Integrations";
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>The authenticator key, in groups of four for typing.</summary>
    public string? SharedKey { get; private set; }

    /// <summary>The otpauth URI as a PNG QR code, a data URL.</summary>
    public string? QrCode { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Set right after they are made: shown this once.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await UserAsync() is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }

        var code = TwoFactorCodes.Authenticator(Code);
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not valid. Enter the 6-digit code the app shows now for this key.");
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        LogChanged(user.Id, "on");
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return Challenge();
        }

        // Checked as a sign-in is, lockout included, so a session left open is no place to guess the password.
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, Password ?? "", lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            ModelState.AddModelError(nameof(Password), checkedPassword.IsLockedOut
                ? "Too many failed attempts; this account is locked for a few minutes."
                : "That is not your password.");
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key for the next set-up: the app that held the old one is no use any more.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        LogChanged(user.Id, "off");
        Notice = "Two-factor sign-in is off. Remove Sentinel Integrations from your authenticator app.";
        return RedirectToPage();
    }

    private Task<AdminUser?> UserAsync() => users.GetUserAsync(User);

    private async Task<IActionResult> ShowAsync(AdminUser user)
    {
        Response.Headers.CacheControl = "no-store";
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was made.");
        }

        SharedKey = Grouped(key);
        var account = user.Email ?? user.UserName ?? "admin";
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return Page();
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-factor sign-in {State}")]
    private partial void LogChanged(Guid userId, string state);
}

using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests;

public static class AdminSession
{
    /// <summary>Signs in through the login form as the seeded admin and waits to leave the login page.</summary>
    public static async Task SignInAsync(IPage page, string email = SentinelApp.AdminEmail, string password = SentinelApp.AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Text.RegularExpressions;
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
        // Polls the URL rather than WaitForURLAsync, which can miss the navigation it waits for
        // (microsoft/playwright-dotnet#3364) and then times out although the page arrived.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase), new() { Timeout = 30_000 });
    }
}

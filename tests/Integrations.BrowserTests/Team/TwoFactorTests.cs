using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.Playwright;
using OtpNet;

namespace Integrations.BrowserTests.Team;

/// <summary>A person turns on two-factor sign-in from their account page, keeps the recovery codes, signs out, and signs
/// in again with a code from their "phone" (Otp.NET, from the key the page shows).</summary>
public sealed class TwoFactorTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Person_TurnsOnTwoFactor_AndSignsInWithACode()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Admin);
        var page = await app.NewPageAsync();
        await AdminSession.SignInAsync(page, email, Members.Password);

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "team-two-factor-setup");
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var phone = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("Code").FillAsync(phone.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator(".badge-ok")).ToHaveTextAsync("On");
        await Screenshots.SaveAsync(page, "team-two-factor-on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.GotoAsync("/integrations/webhooks");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Members.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(phone.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/integrations/webhooks$"));
    }
}

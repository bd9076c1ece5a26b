using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Team;

/// <summary>A viewer reads without buttons, makes a workspace of their own, switches between the two in the nav, opens
/// their account, and signs out.</summary>
public sealed class WorkspaceSwitcherTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Viewer_CreatesAWorkspace_SwitchesBack_AndSignsOut()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var page = await app.NewPageAsync();
        await AdminSession.SignInAsync(page, email, Members.Password);

        await page.GotoAsync("/integrations/webhooks");
        var switcher = page.Locator(".workspace-switcher");
        await Assertions.Expect(switcher.Locator(".role-badge")).ToHaveTextAsync("viewer");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add Webhook" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "team-viewer-webhooks");

        await switcher.GetByRole(AriaRole.Link, new() { Name = "New workspace" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Viewer's own");
        await page.GetByLabel("Plan").SelectOptionAsync("Growth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await Assertions.Expect(switcher.Locator(".role-badge")).ToHaveTextAsync("owner");
        var select = switcher.GetByLabel("Workspace");
        await Assertions.Expect(select.Locator("option:checked")).ToHaveTextAsync("Viewer's own");
        await page.GotoAsync("/integrations/webhooks");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add Webhook" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "team-switcher-owner");

        var original = await select.Locator("option:not(:checked)").First.TextContentAsync();
        await select.SelectOptionAsync(new SelectOptionValue { Label = original! });
        await Assertions.Expect(switcher.Locator(".role-badge")).ToHaveTextAsync("viewer");
        await Assertions.Expect(select.Locator("option:checked")).ToHaveTextAsync(original!);

        await page.GetByRole(AriaRole.Link, new() { Name = email }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "team-account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await page.GotoAsync("/integrations/webhooks");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
    }
}

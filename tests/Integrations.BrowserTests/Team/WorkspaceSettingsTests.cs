using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Team;

/// <summary>An owner renames their workspace on the settings page, then deletes it by typing its name, and lands in the
/// workspace they still have.</summary>
public sealed class WorkspaceSettingsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Owner_RenamesTheWorkspace_ThenDeletesIt_AndLandsInTheOtherOne()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var page = await app.NewPageAsync();
        await AdminSession.SignInAsync(page, email, Members.Password);
        await page.GotoAsync("/workspaces/new");
        await page.GetByLabel("Name").FillAsync("Side project");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        var switcher = page.Locator(".workspace-switcher");
        await Assertions.Expect(switcher.Locator(".role-badge")).ToHaveTextAsync("owner");

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Side project 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
        await Assertions.Expect(switcher.GetByLabel("Workspace").Locator("option:checked")).ToHaveTextAsync("Side project 2");
        await Assertions.Expect(page.Locator("#usage tr[data-limit=records] td").Nth(1)).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(page, "team-settings");

        var confirm = page.GetByLabel("to confirm");
        await confirm.FillAsync("Side project");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete workspace" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=Confirm]")).ToContainTextAsync("exactly");
        await page.GetByLabel("to confirm").FillAsync("Side project 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete workspace" }).ClickAsync();

        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/settings"));
        await Assertions.Expect(switcher.Locator(".role-badge")).ToHaveTextAsync("viewer");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(switcher.GetByLabel("Workspace").Locator("option", new() { HasText = "Side project" })).ToHaveCountAsync(0);
    }
}

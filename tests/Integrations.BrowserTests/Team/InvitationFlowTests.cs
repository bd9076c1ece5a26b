using Microsoft.Playwright;

namespace Integrations.BrowserTests.Team;

/// <summary>An owner invites a colleague from the team page; the colleague opens the link in another browser, creates
/// their account and lands in the workspace in the invited role.</summary>
public sealed class InvitationFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Owner_InvitesAColleague_WhoAcceptsInAnotherBrowser()
    {
        var email = $"colleague-{Guid.NewGuid():N}"[..18] + "@example.test";
        var owner = await app.SignedInPageAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await owner.GetByLabel("Email").FillAsync(email);
        await owner.Locator("#invite-form select").SelectOptionAsync("Viewer");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await owner.Locator("#invite-link").TextContentAsync();
        await Assertions.Expect(owner.Locator("#invitations")).ToContainTextAsync(email);
        await Screenshots.SaveAsync(owner, "team-invited");

        var colleague = await app.NewPageAsync();
        await colleague.GotoAsync(link!);
        await Assertions.Expect(colleague.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Join");
        await colleague.GetByLabel("Password", new() { Exact = true }).FillAsync("a colleague's long password");
        await colleague.GetByLabel("Password again").FillAsync("a colleague's long password");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
        await Assertions.Expect(colleague.Locator(".workspace-switcher .role-badge")).ToHaveTextAsync("viewer");

        await owner.ReloadAsync();
        await Assertions.Expect(owner.Locator("#members")).ToContainTextAsync(email);
        await Assertions.Expect(owner.Locator("#invitations")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(owner, "team-members");
    }
}

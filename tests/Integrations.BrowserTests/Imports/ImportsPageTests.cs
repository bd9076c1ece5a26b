using Microsoft.Playwright;

namespace Integrations.BrowserTests.Imports;

public sealed class ImportsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ImportsPage_SwitchesTheColumnGuide_WhenAnotherObjectIsChosen()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/imports");

        await page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();

        var guide = page.Locator("#column-guide");
        await Assertions.Expect(guide).ToContainTextAsync("product code");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download product template CSV" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "imports-guide-products");
    }
}

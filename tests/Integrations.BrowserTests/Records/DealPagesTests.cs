using Microsoft.Playwright;

namespace Integrations.BrowserTests.Records;

public sealed class DealPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Deal_MovesToClosedWonByHand_AndTheAuditTrailShowsIt()
    {
        var page = await app.SignedInPageAsync();
        var name = "Browser deal " + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync("/records/deal");
        await page.GetByRole(AriaRole.Link, new() { Name = "New deal" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Amount").FillAsync("12500.50");
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Proposal" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();

        var row = page.Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Proposal");
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Closed Won" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("Closed Won");
        await Assertions.Expect(row).ToContainTextAsync("12,500.50");
        await Screenshots.SaveAsync(page, "deals-closed-won");

        await page.GotoAsync("/audit");
        var entry = page.Locator("tr", new() { HasText = "deal.updated" }).First;
        await Assertions.Expect(entry).ToContainTextAsync("closed_won");
        await Screenshots.SaveAsync(page, "audit-after-closed-won");
    }

    [Fact]
    public async Task NewDeal_ShowsTheFieldError_WhenAmountIsNegative()
    {
        var page = await app.SignedInPageAsync();

        await page.GotoAsync("/records/deal/new");
        await page.GetByLabel("Name").FillAsync("Negative");
        await page.GetByLabel("Amount").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();

        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("amount must not be negative");
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync("Negative");
    }
}

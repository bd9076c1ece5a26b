using Microsoft.Playwright;

namespace Integrations.BrowserTests.Webhooks;

public sealed class ThrottlePageTests(LocalReceiverBrowserApp app) : IClassFixture<LocalReceiverBrowserApp>
{
    [Fact]
    public async Task Throttle_SetInTheDrawer_ShowsOnTheDetailPageWithItsWindow_AndCanBeChangedThere()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/webhooks");
        var name = "Throttled " + Guid.NewGuid().ToString("N")[..8];

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Webhook" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Endpoint URL").FillAsync("http://127.0.0.1:9/hook");
        await page.Locator("fieldset[data-group='Deals'] [data-select-all]").CheckAsync();
        await page.GetByLabel("Max deliveries per second").FillAsync("5");
        // 0 the browser refuses itself (min="1"); the server refuses what is too large.
        await page.GetByLabel("Max in flight").FillAsync("5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        var drawer = page.Locator("aside.drawer");
        await Assertions.Expect(drawer).ToContainTextAsync("max_in_flight is a whole number from 1");
        await Assertions.Expect(drawer.GetByLabel("Max deliveries per second")).ToHaveValueAsync("5");
        await drawer.GetByLabel("Max in flight").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();
        await page.Locator("#webhooks tr", new() { HasText = name }).GetByRole(AriaRole.Link, new() { Name = "Deliveries" }).ClickAsync();

        await Assertions.Expect(page.Locator("#max-per-second")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("#max-in-flight")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#in-flight-window")).ToHaveTextAsync("3");
        await Screenshots.SaveAsync(page, "webhook-throttle");

        var form = page.Locator("#throttle-form");
        await form.GetByLabel("Max deliveries per second").FillAsync("");
        await form.GetByLabel("Max in flight").FillAsync("12");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save throttle" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the throttle");
        await Assertions.Expect(page.Locator("#max-per-second")).ToHaveTextAsync("no limit");
        await Assertions.Expect(page.Locator("#in-flight-window")).ToHaveTextAsync("12");
    }
}

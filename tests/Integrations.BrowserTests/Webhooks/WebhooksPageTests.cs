using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Webhooks;

/// <summary>The browser app with a loopback receiver URL allowed, as in local development.</summary>
public sealed class LocalReceiverBrowserApp : BrowserApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
}

public sealed class WebhooksPageTests(LocalReceiverBrowserApp app) : IClassFixture<LocalReceiverBrowserApp>
{
    [Fact]
    public async Task AddWebhook_ShowsSecretOnce_ThenTestAndDisableWork()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/webhooks");
        var name = "Browser " + Guid.NewGuid().ToString("N")[..8];

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Webhook" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Endpoint URL").FillAsync("http://127.0.0.1:9/hook");
        await page.Locator("fieldset[data-group='Deals'] [data-select-all]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        var banner = page.Locator("#new-secret-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var secret = (await page.Locator("#new-secret").TextContentAsync())!.Trim();
        Assert.Matches("^whsec_[A-Za-z0-9+/]{64}$", secret);
        var row = page.Locator("#webhooks tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("deal.stage_changed");
        await Assertions.Expect(row).ToContainTextAsync("deal.created");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(page, "webhooks-added");

        await page.ReloadAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Queued a test deal.created event");

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Disabled");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Enable" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "webhooks-disabled");
    }

    [Fact]
    public async Task AddWebhook_KeepsDrawerOpenWithReasons_WhenUrlIsPrivateAndNoEventIsChosen()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/webhooks");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Webhook" }).ClickAsync();
        await page.GetByLabel("Endpoint URL").FillAsync("https://10.0.0.1/hook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        var drawer = page.Locator("aside.drawer");
        await Assertions.Expect(drawer).ToContainTextAsync("private or reserved");
        await Assertions.Expect(drawer).ToContainTextAsync("Choose at least one event");
        await Assertions.Expect(page.Locator("#new-secret-banner")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "webhooks-drawer-errors");
    }
}

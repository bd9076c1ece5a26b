using Integrations.Testing;
using Integrations.Webhooks.Log;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Webhooks;

public sealed class WebhookDetailPageTests(WebhookDetailPageTests.App app) : IClassFixture<WebhookDetailPageTests.App>
{
    /// <summary>The page is under test, not the engine: no dispatcher picks up the deliveries arranged here.</summary>
    public sealed class App : BrowserApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Webhooks:Dispatcher"] = "false" };
    }

    [Fact]
    public async Task DetailPage_ShowsAttemptsAndRetriesNow_WhenDeliveryFailed()
    {
        var now = DateTimeOffset.UtcNow;
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Billing sync");
        await app.AddDeliveryAsync(webhookId, DeliveryStatus.Delivered, now.AddHours(-5), new AttemptSeed(now.AddHours(-5), 200, "ok"));
        await app.AddDeliveryAsync(webhookId, DeliveryStatus.Delivered, now.AddHours(-2), new AttemptSeed(now.AddHours(-2), 204));
        var failed = await app.AddDeliveryAsync(webhookId, DeliveryStatus.Failed, now.AddMinutes(-50),
            new AttemptSeed(now.AddMinutes(-50), 503, """{"error":"<maintenance>"}"""),
            new AttemptSeed(now.AddMinutes(-20), null, Error: "Connection refused (93.184.215.14:443)"));
        var page = await app.SignedInPageAsync();

        await page.GotoAsync($"/integrations/webhooks/{webhookId}");
        await Assertions.Expect(page.Locator("#success-rate")).ToHaveTextAsync("50%");
        await Assertions.Expect(page.Locator("#attempt-total")).ToHaveTextAsync("4");
        await Screenshots.SaveAsync(page, "webhook-detail");

        var row = page.Locator($"tr[data-delivery-id='{failed}']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        var first = page.Locator("details.attempt", new() { HasText = "Attempt 1" });
        await Assertions.Expect(first.Locator("pre.headers")).Not.ToBeVisibleAsync();
        await first.Locator("summary").ClickAsync();
        await Assertions.Expect(first.Locator("pre.response")).ToHaveTextAsync("""{"error":"<maintenance>"}""");
        await Assertions.Expect(first.Locator("pre.headers")).ToContainTextAsync("\"webhook-signature\": \"v1,c2lnbmF0dXJl\"");
        await Assertions.Expect(first.Locator("pre.body")).ToContainTextAsync("\"invoice_id\": \"inv_42\"");
        await Screenshots.SaveAsync(page, "webhook-detail-attempts");

        await row.GetByRole(AriaRole.Button, new() { Name = "Retry now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Retrying {failed} now.");
        await Assertions.Expect(row).ToContainTextAsync("Pending");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Retry now" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "webhook-detail-retried");
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Inbound;

public sealed class InboundPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task CreateSource_PreviewsTheShopifyMapping_ThenShowsADeliveredRequestInItsLog()
    {
        var page = await app.SignedInPageAsync();
        var name = "Shop " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/integrations/inbound");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add source" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = "Use Shopify order preset" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-record")).ToContainTextAsync("\"name\": \"#1001\"");
        await Assertions.Expect(page.Locator("#preview-result")).ToContainTextAsync("jon@example.com");
        await Assertions.Expect(page.Locator("#preset")).ToHaveValueAsync("shopify");
        await Screenshots.SaveAsync(page, "inbound-source-preview");

        await page.GetByLabel("Sample payload").FillAsync("""{"id": 7, "currency": "USD", "customer": {"email": "amy@example.com"}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-result")).ToContainTextAsync("$.name, which is not in the payload");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create source" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-secret-banner")).ToBeVisibleAsync();
        var secret = (await page.Locator("#new-secret").TextContentAsync())!.Trim();
        var url = new Uri((await page.Locator("#receive-url").TextContentAsync())!.Trim());

        const string order = """{"id": 450789469, "name": "#1002", "total_price": "89.50", "currency": "EUR", "customer": {"email": "amy@example.com", "first_name": "Amy"}}""";
        using var http = app.HttpClient();
        using var delivery = new StringContent(order, Encoding.UTF8, "application/json");
        delivery.Headers.Add("X-Shopify-Hmac-SHA256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(order))));
        delivery.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        var sent = await http.PostAsync(url.PathAndQuery, delivery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var row = page.Locator("#requests tbody tr").First;
        await Poll.UntilAsync(async () =>
            {
                await page.ReloadAsync();
                return await row.CountAsync() > 0 ? await row.TextContentAsync() : "";
            },
            text => text?.Contains("Processed", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(15),
            text => $"The log never showed the request processed: {text}");
        await Assertions.Expect(row).ToContainTextAsync("deal_");
        await Assertions.Expect(row).ToContainTextAsync("contact_id");
        await Assertions.Expect(page.Locator("#new-secret-banner")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "inbound-source-log");

        await page.GotoAsync("/integrations/inbound");
        var listed = page.Locator("#sources tr", new() { HasText = name });
        await Assertions.Expect(listed).ToContainTextAsync("Shopify");
        await Assertions.Expect(listed).ToContainTextAsync("1 ok");
        await Screenshots.SaveAsync(page, "inbound-sources");
    }
}

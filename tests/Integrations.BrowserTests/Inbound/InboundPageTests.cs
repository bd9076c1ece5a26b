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

        var (secret, url) = await CreateAsync(page);
        await DeliverAsync(url, secret, """{"id": 450789469, "name": "#1002", "total_price": "89.50", "currency": "EUR", "customer": {"email": "amy@example.com", "first_name": "Amy"}}""");

        var row = page.Locator("#requests tbody tr").First;
        await ReloadUntilAsync(page, row, "Processed");
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

    [Fact]
    public async Task FailedRequest_ShowsWhy_AndIsProcessedByReprocessAfterTheMappingIsFixed()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/inbound/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Draft orders " + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use Shopify order preset" }).ClickAsync();
        var (secret, url) = await CreateAsync(page);

        await DeliverAsync(url, secret, """{"id": 99, "total_price": "5.00", "currency": "USD", "customer": {"email": "draft@example.com"}}""");
        var row = page.Locator("#requests tbody tr").First;
        await ReloadUntilAsync(page, row, "Failed");
        await Assertions.Expect(row).ToContainTextAsync("name is mapped from $.name, which is not in the payload");
        await row.GetByRole(AriaRole.Link, new() { Name = "Payload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#payload pre.body")).ToContainTextAsync("draft@example.com");
        await Screenshots.SaveAsync(page, "inbound-source-failed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit source" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Sample payload")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("draft@example.com"));
        await page.Locator("select[name='Form.Mapping.Fields[0].Kind']").SelectOptionAsync("value");
        await page.Locator("input[name='Form.Mapping.Fields[0].Expression']").FillAsync("Draft order");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-record")).ToContainTextAsync("\"name\": \"Draft order\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save source" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await row.GetByRole(AriaRole.Button, new() { Name = "Reprocess" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Reprocessing");
        await ReloadUntilAsync(page, row, "Processed");
        await Assertions.Expect(row).ToContainTextAsync("2 attempts");
        await Assertions.Expect(row).ToContainTextAsync("deal_");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("answers 403");
        await Assertions.Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Disabled");
    }

    private static async Task<(string Secret, Uri Url)> CreateAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create source" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-secret-banner")).ToBeVisibleAsync();
        var secret = (await page.Locator("#new-secret").TextContentAsync())!.Trim();
        return (secret, new Uri((await page.Locator("#receive-url").TextContentAsync())!.Trim()));
    }

    /// <summary>POSTs an order signed the way Shopify signs, as Shopify would.</summary>
    private async Task DeliverAsync(Uri url, string secret, string order)
    {
        using var http = app.HttpClient();
        using var delivery = new StringContent(order, Encoding.UTF8, "application/json");
        delivery.Headers.Add("X-Shopify-Hmac-SHA256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(order))));
        delivery.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        var sent = await http.PostAsync(url.PathAndQuery, delivery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    /// <summary>The log is a plain page: reload it until the background worker's outcome shows.</summary>
    private static Task ReloadUntilAsync(IPage page, ILocator row, string status) =>
        Poll.UntilAsync(async () =>
            {
                await page.ReloadAsync();
                return await row.CountAsync() > 0 ? await row.TextContentAsync() : "";
            },
            text => text?.Contains(status, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(15),
            text => $"The log never showed the request {status}: {text}");
}

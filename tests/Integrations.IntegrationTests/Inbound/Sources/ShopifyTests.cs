using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>The Shopify presets end to end: an order becomes a Deal with its customer as Contact, and a later delivery updates them.</summary>
public sealed class ShopifyTests(InboundApp app) : IClassFixture<InboundApp>
{
    [Fact]
    public async Task Order_BecomesDealWithContact_AndLaterDeliveryOfSameOrderUpdatesIt()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Shopify orders", preset = "shopify", mapping_preset = "shopify_order" });
        var order = Order("199.65", "paid");
        var update = Order("250.00", "refunded");

        var created = await client.ProcessedAsync(source.Id(), await SendAsync(source.Id(), source.Secret(), order));
        var updated = await client.ProcessedAsync(source.Id(), await SendAsync(source.Id(), source.Secret(), update));

        Assert.Equal("created", created.GetProperty("record").GetProperty("change").GetString());
        Assert.Equal("contact", created.GetProperty("record").GetProperty("linked")[0].GetProperty("object").GetString());
        Assert.Equal("updated", updated.GetProperty("record").GetProperty("change").GetString());
        var deal = Assert.Single(await client.RecordsAsync("deal"));
        var contact = Assert.Single(await client.RecordsAsync("contact"));
        Assert.Equal("#1001", deal.GetProperty("name").GetString());
        Assert.Equal(250.00m, deal.GetProperty("amount").GetDecimal());
        Assert.Equal("closed_won", deal.GetProperty("stage").GetString());
        Assert.Equal("refunded", deal.GetProperty("custom_fields").GetProperty("financial_status").GetString());
        Assert.Equal(contact.GetProperty("id").GetString(), deal.GetProperty("contact_id").GetString());
        Assert.Equal("jon@example.com", contact.GetProperty("email").GetString());
        Assert.Equal(created.GetProperty("record").GetProperty("id").GetString(), deal.GetProperty("id").GetString());
    }

    private Task<string> SendAsync(string sourceId, string secret, string body) =>
        Sources.AcceptedAsync(app, sourceId, body, new Dictionary<string, string>
        {
            ["X-Shopify-Hmac-SHA256"] = Signatures.Shopify(secret, body),
            ["X-Shopify-Webhook-Id"] = Guid.NewGuid().ToString(),
            ["X-Shopify-Topic"] = "orders/updated",
            ["X-Shopify-Shop-Domain"] = "example.myshopify.com",
        });

    private static string Order(string total, string status) => new JsonObject
    {
        ["id"] = 820982911946154508,
        ["name"] = "#1001",
        ["currency"] = "USD",
        ["total_price"] = total,
        ["financial_status"] = status,
        ["customer"] = new JsonObject { ["id"] = 115310627314723954, ["email"] = "jon@example.com", ["first_name"] = "Jon", ["last_name"] = "Snow" },
        ["line_items"] = new JsonArray(new JsonObject { ["sku"] = "IPOD-342-N", ["quantity"] = 1, ["price"] = "199.00" }),
    }.ToJsonString();
}

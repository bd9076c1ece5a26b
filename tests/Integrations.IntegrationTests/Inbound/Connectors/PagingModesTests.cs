using System.Globalization;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

public sealed class PagingModesTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static readonly string[] Stamps = ["2026-03-01T10:00:00Z", "2026-03-04T09:30:00Z", "2026-03-02T08:00:00Z", "2026-03-03T12:00:00Z", "2026-02-27T00:00:00Z"];

    [Fact]
    public async Task PageNumbers_WalkUntilAShortPage_AndItemPathCursorKeepsTheNewestValue()
    {
        // Products by page number, two a page, each with its own updated_at.
        await using var api = await LocalJsonApi.StartAsync(request =>
        {
            var number = int.Parse(request.Parameter("page") ?? "1", CultureInfo.InvariantCulture);
            var size = int.Parse(request.Parameter("per_page") ?? "2", CultureInfo.InvariantCulture);
            var since = request.Parameter("updated_since");
            var items = Enumerable.Range(1, 5).Where(i => since is null || string.CompareOrdinal(Stamps[i - 1], since) > 0)
                .Skip((number - 1) * size).Take(size)
                .Select(i => new { sku = $"SKU-{i}", title = $"Product {i}", updated_at = Stamps[i - 1] });
            return JsonApiAnswer.Ok(JsonSerializer.Serialize(new { items }));
        });
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(new Dictionary<string, object?>
        {
            ["name"] = "Catalogue",
            ["url"] = api.Url("/products"),
            ["items_path"] = "$.items",
            ["pagination"] = new { mode = "page_number", page_param = "page", page_size_param = "per_page", page_size = 2 },
            ["incremental"] = new { param = "updated_since", from = "item_path", item_path = "$.updated_at" },
            ["schedule"] = "0 * * * *",
            ["mapping"] = new
            {
                @object = "product",
                fields = new object[] { new { field = "name", path = "$.title" }, new { field = "sku", path = "$.sku" } },
                upsert = new { by = "sku" },
            },
        });

        var first = await app.RunNowAsync(client, id);

        Assert.Equal(("succeeded", 3, 5, 5, 0, 0, 0), first.Counts());
        Assert.Equal(["1", "2", "3"], api.Requests.Select(r => r.Parameter("page")));
        Assert.Equal("2026-03-04T09:30:00Z", first.GetProperty("cursor_saved").GetString());

        var second = await app.RunNowAsync(client, id);

        Assert.Equal(("succeeded", 1, 0, 0, 0, 0, 0), second.Counts());
        Assert.Equal("2026-03-04T09:30:00Z", api.Requests.Last().Parameter("updated_since"));
        Assert.Equal("2026-03-04T09:30:00Z", second.GetProperty("cursor_saved").GetString());
    }
}

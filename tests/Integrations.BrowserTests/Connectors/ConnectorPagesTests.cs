using System.Text.Json;
using Integrations.Inbound.Connectors.Running;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Connectors;

public sealed class ConnectorPagesTests(ConnectorPagesTests.App app) : IClassFixture<ConnectorPagesTests.App>
{
    /// <summary>The browser app with plain http to 127.0.0.1 allowed, where the fake API listens.</summary>
    public sealed class App : BrowserApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
    }

    [Fact]
    public async Task CreateConnector_RunNow_ShowsRunHistoryWithCounts()
    {
        // Three pages of two, one and … customers, linked by a cursor in the body.
        await using var api = await LocalJsonApi.StartAsync(request => JsonApiAnswer.Ok(Page(request.Parameter("cursor"))));
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/connectors");
        var name = "Billing " + Guid.NewGuid().ToString("N")[..6];

        await page.GetByRole(AriaRole.Link, new() { Name = "Add connector" }).ClickAsync();
        await Field(page, "Name").FillAsync(name);
        await Field(page, "Url").FillAsync(api.Url("/customers"));
        await Field(page, "AuthType").SelectOptionAsync("bearer");
        await Field(page, "Token").FillAsync("tok-browser-1");
        await Field(page, "ItemsPath").FillAsync("$.data");
        await Field(page, "PaginationMode").SelectOptionAsync("cursor");
        await Field(page, "CursorParam").FillAsync("cursor");
        await Field(page, "CursorPath").FillAsync("$.next_cursor");
        await Field(page, "IncrementalParam").FillAsync("updated_since");
        await page.GetByRole(AriaRole.Button, new() { Name = "Every 15 minutes" }).ClickAsync();
        await page.GetByLabel("Target field 1").FillAsync("email");
        await page.GetByLabel("Path or value 1").FillAsync("$.email");
        await page.GetByLabel("Target field 2").FillAsync("first_name");
        await page.GetByLabel("Path or value 2").FillAsync("$.name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await page.GetByLabel("Target field 3").FillAsync("custom_fields.plan");
        await page.GetByLabel("Source of field 3").SelectOptionAsync("value");
        await page.GetByLabel("Path or value 3").FillAsync("pro");
        await Field(page, "Sample").FillAsync("""{"id": 7, "email": "grace@example.com", "name": "Grace"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview mapping" }).ClickAsync();

        var preview = page.Locator("#preview-result");
        await Assertions.Expect(preview).ToContainTextAsync("grace@example.com");
        await Assertions.Expect(preview).ToContainTextAsync("\"plan\": \"pro\"");
        await Screenshots.SaveAsync(page, "connectors-form-preview");

        await Field(page, "Token").FillAsync("tok-browser-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued");

        var row = page.Locator("#runs tbody tr").First;
        await RunQueuedAsync(page.Url, await row.GetAttributeAsync("data-run-id"));
        await page.ReloadAsync();

        await Assertions.Expect(row).ToContainTextAsync("Succeeded");
        await Assertions.Expect(row.Locator("[data-count=pages]")).ToHaveTextAsync("3");
        await Assertions.Expect(row.Locator("[data-count=items]")).ToHaveTextAsync("5");
        await Assertions.Expect(row.Locator("[data-count=created]")).ToHaveTextAsync("5");
        await Assertions.Expect(row.Locator("[data-count=failed]")).ToHaveTextAsync("0");
        // Three pages were fetched (above), each with the token typed on the form.
        Assert.Equal(3, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Equal("Bearer tok-browser-1", r.Header("Authorization")));
        await Screenshots.SaveAsync(page, "connectors-run-history");

        await page.GotoAsync("/integrations/connectors");
        var listed = page.Locator("#connectors tr", new() { HasText = name });
        await Assertions.Expect(listed).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(listed).ToContainTextAsync("Succeeded");
        await Assertions.Expect(listed).ToContainTextAsync("*/15 * * * *");
        await Screenshots.SaveAsync(page, "connectors-list");
    }

    [Fact]
    public async Task CreateConnector_ShowsReasons_WhenUrlIsPrivateAndCronTooFast()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/connectors/edit");

        await Field(page, "Name").FillAsync("Internal");
        await Field(page, "Url").FillAsync("http://10.0.0.5/items");
        await Field(page, "Schedule").FillAsync("*/10 * * * * *");
        await page.GetByLabel("Target field 1").FillAsync("email");
        await page.GetByLabel("Path or value 1").FillAsync("$.email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();

        await Assertions.Expect(page.Locator("#connector-form")).ToContainTextAsync("private or reserved");
        await Assertions.Expect(page.Locator("#connector-form")).ToContainTextAsync("more than once a minute");
        await Screenshots.SaveAsync(page, "connectors-form-errors");
    }

    private static ILocator Field(IPage page, string name) => page.Locator($"[name='Form.{name}']");

    private static string Page(string? cursor)
    {
        var (items, next) = cursor switch
        {
            null => (new[] { 1, 2 }, "p2"),
            "p2" => ([3, 4], "p3"),
            _ => ([5], (string?)null),
        };
        return JsonSerializer.Serialize(new
        {
            data = items.Select(i => new { id = i, email = $"customer{i}@example.com", name = $"Customer {i}" }),
            next_cursor = next,
        });
    }

    // Hangfire's server is off in tests: run the queued job as it would.
    private async Task RunQueuedAsync(string detailUrl, string? runId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.ConnectorRun, runId, out var run));
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, new Uri(detailUrl).Segments[^1], out var connector));
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<ConnectorRunner>().RunAsync(connector, run, TestContext.Current.CancellationToken);
    }
}

using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.Ga4;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Automation;

/// <summary>The issue's story in the browser: Slack and GA4 connected against their fakes, "when a deal becomes Closed
/// Won, post to Slack and send a GA4 conversion" built on <c>/automation</c>, a deal moved to Closed Won on its page, and
/// the run seen succeeding with both steps; Slack got the message and GA4 the event.</summary>
public sealed class ClosedWonWorkflowTests(ClosedWonWorkflowTests.App app) : IClassFixture<ClosedWonWorkflowTests.App>
{
    /// <summary>The browser app with GA4 on a Google-style fake that answers the Measurement Protocol, and Slack on a
    /// Slack-style fake with its Web API.</summary>
    public sealed class App : BrowserApp
    {
        private Dictionary<string, string?> settings = [];

        public FakeOAuthProvider Google { get; private set; } = null!;

        public FakeOAuthProvider Slack { get; private set; } = null!;

        public FakeSlackApi SlackApi { get; } = new();

        public FakeGa4 Ga4 { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => settings;

        public override async ValueTask InitializeAsync()
        {
            Google = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google) { Apis = Ga4.Map });
            Slack = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Slack) { Apis = SlackApi.Map });
            settings = new Dictionary<string, string?>(LocalReceiver.Settings)
            {
                ["Sentinel:Apps:slack:Urls:api"] = Slack.Url("/api"),
                ["Sentinel:Apps:ga4:Urls:measurement"] = Google.Url("/"),
            };
            foreach (var (appId, fake) in new[] { ("ga4", Google), ("slack", Slack) })
            {
                settings[$"Sentinel:Apps:{appId}:Urls:authorize"] = fake.AuthorizeUrl;
                settings[$"Sentinel:Apps:{appId}:Urls:token"] = fake.TokenUrl;
                settings[$"Sentinel:Apps:{appId}:Urls:revoke"] = fake.RevokeUrl;
                settings[$"Sentinel:Apps:{appId}:Urls:identity"] = fake.IdentityUrl;
            }

            await base.InitializeAsync();
        }

        /// <summary>Saves the app's client, connects <paramref name="account"/> through the fake's consent page, and
        /// returns the connection's block on the app page.</summary>
        public async Task<ILocator> ConnectAsync(IPage page, string appId, FakeAccount account)
        {
            var fake = appId == "slack" ? Slack : Google;
            await page.GotoAsync($"/integrations/apps/{appId}");
            var client = fake.RegisterClient(await page.Locator("#redirect-uri").InnerTextAsync());
            await page.Locator("#client-form input[name=ClientId]").FillAsync(client.Id);
            await page.Locator("#client-form input[name=ClientSecret]").FillAsync(client.Secret);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is saved");
            fake.Account = account;
            await page.Locator("#connect").ClickAsync();
            await page.Locator("#allow").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is connected");
            return page.Locator("article.connection").First;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Google.DisposeAsync();
            await Slack.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClosedWonWorkflow_BuiltOnThePage_PostsToSlackAndSendsTheConversion_WhenADealIsWon()
    {
        var page = await app.SignedInPageAsync();
        var account = new FakeAccount("ines@ourco.example", "Inês Alves");
        var channel = app.SlackApi.Workspace(account.TeamId).AddChannel("sales");
        var slack = await (await app.ConnectAsync(page, "slack", account)).GetAttributeAsync("data-connection-id");
        var ga4Block = await app.ConnectAsync(page, "ga4", account);
        var ga4 = await ga4Block.GetAttributeAsync("data-connection-id");
        var settings = ga4Block.Locator("details.settings");
        await settings.Locator("summary").ClickAsync();
        await settings.GetByLabel("Measurement id (G-…, for conversions)").FillAsync("G-WON123");
        await settings.GetByLabel("Measurement Protocol API secret").FillAsync("mp-secret-won");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("settings of");

        await page.GetByRole(AriaRole.Link, new() { Name = "Automation", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-workflows")).ToContainTextAsync("A workflow is a rule");
        await Screenshots.SaveAsync(page, "automation-empty");
        await page.Locator("#new-workflow").ClickAsync();
        await page.Locator("#workflow-name").FillAsync("Closed Won → Slack and GA4");
        await page.Locator("#trigger-type").SelectOptionAsync("deal.stage_changed");
        await Assertions.Expect(page.Locator("#trigger-fields")).ToBeVisibleAsync();
        await page.Locator("#trigger-object").SelectOptionAsync("deal");
        await Assertions.Expect(page.Locator("#object-fields option[value=stage]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await page.GetByLabel("Condition 1 field").FillAsync("stage");
        await page.GetByLabel("Condition 1 operator").SelectOptionAsync("equals");
        await page.GetByLabel("Condition 1 value").FillAsync("closed_won");
        await page.Locator("#condition-mode").SelectOptionAsync("became_true");

        await AddActionStepAsync(page, 0, slack!, "post_message", new() { ["channel"] = channel.Id, ["text"] = "Won: {{ record.name }}" });
        await AddActionStepAsync(page, 1, ga4!, "send_conversion", new()
        {
            ["client_id"] = "555.777", ["event_name"] = "close_convert_lead", ["transaction_id"] = "{{ record.id }}",
        });
        await page.Locator("#workflow-enabled").CheckAsync();
        await Screenshots.SaveAsync(page, "automation-builder");
        await page.Locator("#save-workflow").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved as version 1");
        await Assertions.Expect(page.Locator("#workflow-status")).ToHaveTextAsync("enabled");
        var workflowUrl = page.Url;
        await page.Locator("#json-tab").ClickAsync();
        var json = JsonDocument.Parse(await page.Locator("#workflow-json").InputValueAsync()).RootElement;
        Assert.Equal("became_true", json.GetProperty("trigger").GetProperty("condition_mode").GetString());
        Assert.Equal("Won: {{ record.name }}", json.GetProperty("steps")[0].GetProperty("input").GetProperty("text").GetString());
        await Screenshots.SaveAsync(page, "automation-json");
        await page.GotoAsync("/automation");
        var row = page.Locator("#workflows tr", new() { HasText = "Closed Won → Slack and GA4" });
        await Assertions.Expect(row).ToContainTextAsync("When a deal changes stage");
        await Assertions.Expect(row.Locator(".toggle-button")).ToHaveTextAsync("on");

        var deal = $"Acme renewal {Guid.NewGuid().ToString("N")[..6]}";
        await page.GotoAsync("/records/deal/new");
        await page.GetByLabel("Name").FillAsync(deal);
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Proposal" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
        await page.Locator("table tr", new() { HasText = deal }).GetByRole(AriaRole.Link, new() { Name = deal }).ClickAsync();
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Closed Won" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("table tr", new() { HasText = deal })).ToContainTextAsync("Closed Won");

        await page.GotoAsync(workflowUrl + "/runs");
        // The executor runs in the app (woken by NOTIFY); the page shows the run once it finished.
        for (var tries = 0; tries < 60 && await page.Locator("#runs tr[data-status=succeeded], #runs tr[data-status=failed]").CountAsync() == 0; tries++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Screenshots.SaveAsync(page, "automation-runs");
        await page.Locator("#runs tbody tr a").First.ClickAsync();
        await Screenshots.SaveAsync(page, "automation-run");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded");
        await Assertions.Expect(page.Locator("details.step-run[data-status=succeeded]")).ToHaveCountAsync(2);
        await page.GotoAsync(workflowUrl + "/runs?status=succeeded");
        await Assertions.Expect(page.Locator("#runs tbody tr")).ToHaveCountAsync(1);

        var message = Assert.Single(app.SlackApi.Workspace(account.TeamId).Messages);
        Assert.Equal((channel.Id, $"Won: {deal}"), (message.ChannelId, message.Text));
        var hit = Assert.Single(app.Ga4.Hits);
        Assert.Equal(("G-WON123", "mp-secret-won"), (hit.MeasurementId, hit.ApiSecret));
        var sent = JsonDocument.Parse(hit.Body).RootElement;
        Assert.Equal(("555.777", "close_convert_lead"), (sent.GetProperty("client_id").GetString(), sent.GetProperty("events")[0].GetProperty("name").GetString()));
    }

    /// <summary>Adds an app_action step card, picks its connection and action (each posting the builder back), and types
    /// the action's inputs.</summary>
    private static async Task AddActionStepAsync(IPage page, int index, string connectionId, string action, Dictionary<string, string> inputs)
    {
        await page.Locator("#new-step-type").SelectOptionAsync("app_action");
        await page.Locator("#add-step").ClickAsync();
        var card = page.Locator($"article.step-card[data-step-index='{index}']");
        await card.Locator($"select[name='Form.Steps[{index}].Values[connection_id]']").SelectOptionAsync(connectionId);
        var actions = card.Locator($"select[name='Form.Steps[{index}].Values[action]']");
        await Assertions.Expect(actions.Locator($"option[value={action}]")).ToHaveCountAsync(1);
        await actions.SelectOptionAsync(action);
        foreach (var (name, value) in inputs)
        {
            var input = card.Locator($"[name='Form.Steps[{index}].Input[{name}]']");
            await Assertions.Expect(input).ToBeVisibleAsync();
            await input.FillAsync(value);
        }
    }
}

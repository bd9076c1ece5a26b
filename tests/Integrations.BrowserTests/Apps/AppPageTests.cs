using System.Text.RegularExpressions;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Apps.Syncs;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

/// <summary>The app page's controls of a connection: its settings, Sync now, running an action by hand, Connect again.</summary>
public sealed partial class AppPageTests(AppPageApp app) : IClassFixture<AppPageApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_AreSavedFromTheForm_AndASecretLeftEmptyIsKept()
    {
        var page = await app.SignedInPageAsync();
        var account = Account();
        var gmail = await app.ConnectAsync(page, "gmail", account);
        await gmail.Locator("details.settings summary").ClickAsync();
        await gmail.GetByLabel("Create contacts for unknown correspondents").CheckAsync();
        await gmail.GetByLabel("Days of mail the first sync reads").FillAsync("7");
        await gmail.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("settings of");
        await gmail.Locator("details.settings summary").ClickAsync();
        await Assertions.Expect(gmail.GetByLabel("Create contacts for unknown correspondents")).ToBeCheckedAsync();
        await Assertions.Expect(gmail.GetByLabel("Days of mail the first sync reads")).ToHaveValueAsync("7");
        var gmailStored = await SettingsAsync(await gmail.GetAttributeAsync("data-connection-id"));
        Assert.Equal((true, 7), (gmailStored.Flag("create_contacts"), gmailStored.Number("backfill_days")));

        var ga4 = await app.ConnectAsync(page, "ga4", account);
        await ga4.Locator("details.settings summary").ClickAsync();
        await ga4.GetByLabel("GA4 property id").FillAsync("123456");
        await ga4.GetByLabel("Measurement Protocol API secret").FillAsync("mp-secret-1");
        await ga4.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await ga4.Locator("details.settings summary").ClickAsync();
        await Assertions.Expect(ga4.Locator(".secret-set")).ToHaveTextAsync("(set — leave empty to keep it)");
        await Assertions.Expect(ga4.GetByLabel("Measurement Protocol API secret")).ToHaveValueAsync("");
        await ga4.GetByLabel("GA4 property id").FillAsync("654321");
        await ga4.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("settings of");

        var stored = await SettingsAsync(await ga4.GetAttributeAsync("data-connection-id"));
        Assert.Equal(("654321", "mp-secret-1"), (stored.Text("property_id"), stored.Secret("api_secret")));

        await ga4.Locator("details.settings summary").ClickAsync();
        await ga4.GetByLabel("GA4 property id").FillAsync(new string('9', 1001));
        await ga4.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(ga4.Locator(".field-error[data-field=property_id]")).ToContainTextAsync("at most 1,000 characters");
        await Screenshots.SaveAsync(page, "apps-settings-error");
        Assert.Equal("654321", (await SettingsAsync(await ga4.GetAttributeAsync("data-connection-id"))).Text("property_id"));
    }

    [Fact]
    public async Task SyncNow_QueuesTheSync_AndThePageShowsHowItRan()
    {
        var page = await app.SignedInPageAsync();
        var gmail = await app.ConnectAsync(page, "gmail", Account());
        var sync = gmail.Locator("tr[data-sync-id=messages]");
        await Assertions.Expect(sync.Locator(".items")).ToHaveTextAsync("0");

        await gmail.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sync queued");
        await Assertions.Expect(sync.Locator(".sync-status")).ToHaveTextAsync("queued");
        await RunQueuedSyncAsync(await gmail.GetAttributeAsync("data-connection-id"));
        await page.ReloadAsync();
        await Assertions.Expect(sync.Locator(".sync-status")).ToHaveTextAsync("idle");
        await Assertions.Expect(sync.Locator(".items")).ToHaveTextAsync($"{AppPageApp.ItemsPerSync}");
        await Assertions.Expect(sync.Locator("td").Nth(2)).ToHaveTextAsync(UtcTime());
        await Screenshots.SaveAsync(page, "apps-synced");
    }

    [Fact]
    public async Task PostMessage_FromThePage_ReachesSlack_AndShowsItsAnswer()
    {
        var page = await app.SignedInPageAsync();
        var account = Account();
        var workspace = app.SlackApi.Workspace(account.TeamId);
        workspace.AddChannel("general");
        var sales = workspace.AddChannel("sales");
        var outside = workspace.AddChannel("random", isMember: false);
        var slack = await app.ConnectAsync(page, "slack", account);
        var form = slack.Locator("details.run-action[data-action=post_message]");

        await form.Locator("summary").ClickAsync();
        await form.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "#sales" });
        await form.GetByLabel("Text").FillAsync("A test message from Sentinel");
        await form.GetByRole(AriaRole.Button, new() { Name = "Run post message" }).ClickAsync();

        await Assertions.Expect(form.Locator(".action-result")).ToContainTextAsync(sales.Id);
        var posted = Assert.Single(workspace.Messages);
        Assert.Equal((sales.Id, "A test message from Sentinel"), (posted.ChannelId, posted.Text));
        await Assertions.Expect(form.Locator(".action-result")).ToContainTextAsync(posted.Ts);
        await Screenshots.SaveAsync(page, "apps-slack-posted");

        await form.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "#random" });
        await form.GetByLabel("Blocks (JSON)").FillAsync("[{\"type\": ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Run post message" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error[data-field=blocks]")).ToContainTextAsync("JSON");
        await Assertions.Expect(form.GetByLabel("Text")).ToHaveValueAsync("A test message from Sentinel");

        var settings = slack.Locator("details.settings");
        await settings.Locator("summary").ClickAsync();
        await settings.GetByLabel("Channels whose messages are triggers").SelectOptionAsync([new SelectOptionValue { Label = "#general" }, new SelectOptionValue { Label = "#sales" }]);
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("settings of");
        Assert.Equal([workspace.Channels[0].Id, sales.Id], (await SettingsAsync(await slack.GetAttributeAsync("data-connection-id"))).List("channels"));
        await form.Locator("summary").ClickAsync();
        await form.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "#random" });
        await form.GetByLabel("Text").FillAsync("A test message from Sentinel");
        await form.GetByLabel("Blocks (JSON)").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Run post message" }).ClickAsync();
        await Assertions.Expect(form.Locator(".action-problem")).ToHaveTextAsync("Slack refused the action: not_in_channel");
        Assert.DoesNotContain(workspace.Messages, m => m.ChannelId == outside.Id);
    }

    [Fact]
    public async Task NeedsReauth_ShowsConnectAgain_WhichConnectsTheWorkspaceBack()
    {
        var page = await app.SignedInPageAsync();
        var account = Account();
        var channel = app.SlackApi.Workspace(account.TeamId).AddChannel("sales");
        var slack = await app.ConnectAsync(page, "slack", account);
        app.Slack.RevokeGrantsOf(account);
        var form = slack.Locator("details.run-action[data-action=post_message]");
        await form.Locator("summary").ClickAsync();
        await form.GetByLabel("Channel").SelectOptionAsync(channel.Id);
        await form.GetByLabel("Text").FillAsync("Hello?");
        await form.GetByRole(AriaRole.Button, new() { Name = "Run post message" }).ClickAsync();

        await Assertions.Expect(slack.Locator(".connection-status")).ToHaveTextAsync("needs reauth");
        await Assertions.Expect(slack.Locator(".reauth")).ToContainTextAsync("connect the account again");
        await Screenshots.SaveAsync(page, "apps-needs-reauth");
        await slack.GetByRole(AriaRole.Button, new() { Name = "Connect again" }).ClickAsync();
        await page.Locator("#allow").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("connected again");
        await Assertions.Expect(slack.Locator(".connection-status")).ToHaveTextAsync("active");
        await Assertions.Expect(slack.GetByRole(AriaRole.Button, new() { Name = "Connect again" })).ToHaveCountAsync(0);
    }

    private static FakeAccount Account()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return new FakeAccount($"ana.{id}@example.com", "Ana Lima", "T" + id.ToUpperInvariant(), "Team " + id);
    }

    private async Task<ConnectionSettings> SettingsAsync(string? connectionId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var id));
        await using var scope = app.Scope();
        var connection = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters()
            .SingleAsync(c => c.Id == id, Ct);
        return ConnectionSettings.Of(connection, scope.ServiceProvider.GetRequiredService<AppSecrets>());
    }

    // Hangfire's server is off in tests: run the queued sync as its job would.
    private async Task RunQueuedSyncAsync(string? connectionId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var id));
        await using var scope = app.Scope();
        var sync = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters()
            .SingleAsync(s => s.ConnectionId == id && s.SyncId == "messages", Ct);
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(sync.Id, Ct);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$")]
    private static partial Regex UtcTime();
}

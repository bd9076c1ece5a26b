using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Slack's <c>post_message</c> through <c>POST /api/v1/connections/{id}/actions/post_message</c>, against the
/// Slack fake's <c>chat.postMessage</c>.</summary>
public sealed class PostMessageTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostMessage_SendsSlackTheJson_AndAnswersChannelAndTs()
    {
        var (id, workspace, _) = await ConnectSlackAsync();
        var channel = workspace.AddChannel("sales");
        const string blocks = """[{"type": "section", "text": {"type": "mrkdwn", "text": "*Deal won*: Acme"}}]""";

        using var response = await RunAsync(id, new JsonObject { ["channel"] = channel.Id, ["text"] = "Deal won: Acme", ["blocks"] = blocks });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var posted = Assert.Single(workspace.Messages);
        Assert.Equal((channel.Id, posted.Ts), (result.GetProperty("channel").GetString(), result.GetProperty("ts").GetString()));
        Assert.Equal(["channel", "text", "blocks"], posted.Body.Select(p => p.Key));
        Assert.Equal((channel.Id, "Deal won: Acme"), (posted.Body["channel"]!.GetValue<string>(), posted.Body["text"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(blocks), posted.Body["blocks"]));
    }

    [Theory]
    [InlineData("unknown", "channel_not_found")]
    [InlineData("not_member", "not_in_channel")]
    [InlineData("archived", "is_archived")]
    public async Task PostMessage_Is502WithSlacksError_WhenSlackRefuses(string kind, string error)
    {
        var (id, workspace, _) = await ConnectSlackAsync();
        var channel = kind switch
        {
            "not_member" => workspace.AddChannel("random", isMember: false).Id,
            "archived" => workspace.AddChannel("old-deals", isArchived: true).Id,
            _ => "C0NOTACHANNEL",
        };

        using var response = await RunAsync(id, new JsonObject { ["channel"] = channel, ["text"] = "Hello" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Equal($"Slack refused the action: {error}", problem.GetProperty("detail").GetString());
        Assert.Empty(workspace.Messages);
    }

    [Fact]
    public async Task PostMessage_Is400NamingInputBlocks_WhenTheBlocksAreNotJson()
    {
        var (id, workspace, _) = await ConnectSlackAsync();
        var channel = workspace.AddChannel("sales");

        using var response = await RunAsync(id, new JsonObject { ["channel"] = channel.Id, ["text"] = "Hello", ["blocks"] = "[{\"type\": \"section\"" });

        Assert.Contains("JSON", await response.AssertInvalidFieldAsync("input.blocks"), StringComparison.Ordinal);
        Assert.Empty(workspace.Messages);
    }

    [Fact]
    public async Task PostMessage_Is429WithRetryAfter_WhenSlackIsRateLimiting()
    {
        var (id, workspace, _) = await ConnectSlackAsync();
        var channel = workspace.AddChannel("sales");
        app.Slack.InjectFault(FakeSlackApi.PostMessagePath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(17)));

        using var response = await RunAsync(id, new JsonObject { ["channel"] = channel.Id, ["text"] = "Hello" });

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(17), response.Headers.RetryAfter?.Delta);
        Assert.Empty(workspace.Messages);
    }

    [Fact]
    public async Task PostMessage_Is409AndTheConnectionNeedsReauth_WhenSlackRevokedTheToken()
    {
        var (id, workspace, account) = await ConnectSlackAsync();
        var channel = workspace.AddChannel("sales");
        Assert.Equal(1, app.Slack.RevokeGrantsOf(account));

        using var response = await RunAsync(id, new JsonObject { ["channel"] = channel.Id, ["text"] = "Hello" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);
        var connection = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}", Ct);
        Assert.Equal("needs_reauth", connection.GetProperty("status").GetString());
        Assert.Empty(workspace.Messages);
    }

    [Fact]
    public async Task AppPage_OffersEveryUnarchivedChannel_ReadThroughConversationsListPages()
    {
        var (_, workspace, account) = await ConnectSlackAsync();
        var token = await AccessTokenAsync(app, Assert.Single(await ConnectionsAsync(app, account.TeamId)));
        var channels = Enumerable.Range(1, 450).Select(i => workspace.AddChannel($"team-{i:D3}")).ToList();
        var archived = workspace.AddChannel("zz-archived", isArchived: true);
        var admin = await app.SignInAsync(Ct);

        var page = await admin.GetStringAsync("/integrations/apps/slack", Ct);

        Assert.Equal(3, app.Slack.Requests.Count(r => r.Path == FakeSlackApi.ConversationsListPath && r.Token == token));
        Assert.All(channels, c => Assert.Contains($"<option value=\"{c.Id}\">#{c.Name}</option>", page, StringComparison.Ordinal));
        Assert.DoesNotContain(archived.Id, page, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> RunAsync(string connectionId, JsonObject input)
    {
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        return await writer.PostAsJsonAsync($"/api/v1/connections/{connectionId}/actions/post_message", new { input }, Ct);
    }

    // A Slack workspace of its own connected through the consent flow; its connection id and the fake's workspace.
    private async Task<(string Id, FakeSlackWorkspace Workspace, FakeAccount Account)> ConnectSlackAsync()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Slack.Account = NewAccount();
        (await ConnectAsync(admin, "slack", app.Slack, true, Ct)).Dispose();
        var connection = Assert.Single(await ConnectionsAsync(app, account.TeamId));
        return ($"cxn_{connection.Id:N}", app.SlackApi.Workspace(account.TeamId), account);
    }
}

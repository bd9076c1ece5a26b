using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Apps.Triggers.Slack;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Slack's Events API against the real app: a Slack team connected through the consent round trip (the
/// platform's Slack app, whose signing secret is configured), requests signed here as Slack signs them.</summary>
public sealed class SlackEventsTests(ConnectApp app) : IClassFixture<ConnectApp>, IAsyncLifetime
{
    private const string Chosen = "C0CHOSEN";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient slack = app.CreateClient();
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge_WhenSignedWithThePlatformSecretOrAStoredOne()
    {
        var stored = "ws-signing-" + Guid.NewGuid().ToString("N");
        await SlackArrange.WorkspaceWithSigningSecretAsync(app, stored);
        var body = SlackRequests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

        using var platform = await SlackRequests.PostAsync(slack, body, ConnectApp.SlackSigningSecret, Now, Ct);
        using var workspace = await SlackRequests.PostAsync(slack, body, stored, Now, Ct);
        using var stranger = await SlackRequests.PostAsync(slack, body, "not-a-slack-secret", Now, Ct);

        Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        Assert.Equal("""{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}""", await platform.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json; charset=utf-8", platform.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.OK, workspace.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    [Fact]
    public async Task Message_InAChosenChannel_IsStoredAndDeliveredToASubscribedWebhook()
    {
        var (team, workspace) = await ConnectedTeamAsync();
        var secret = Arrange.Secret();
        await Arrange.SubscriptionAsync(app, workspace, receiver.Add("slack", [secret]), ["slack.message_posted"], secret);

        using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Message(team, Chosen, "Can someone call the customer back?"),
            ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var stored = Assert.Single(await SlackArrange.EventsAsync(app, team));
        Assert.Equal((workspace, "slack.message_posted"), (stored.Workspace, stored.Type));
        var connection = Assert.Single(await ConnectionsAsync(app, team));
        var delivered = (await receiver.WaitForAsync("slack", r => r.Any(d => d.Body.Contains(team, StringComparison.Ordinal))))
            .Single(d => d.Body.Contains(team, StringComparison.Ordinal));
        var envelope = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("slack.message_posted", envelope.GetProperty("event").GetString());
        Assert.True(delivered.StandardSignatureValid);
        Assert.Equal(
            $$"""{"connection_id":"cxn_{{connection.Id:N}}","app":"slack","account":"{{team}}","channel":"{{Chosen}}","user":"U0ANA","text":"Can someone call the customer back?","ts":"1764800000.000100"}""",
            envelope.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Message_InAChannelNotChosen_EmitsNothing()
    {
        var (team, _) = await ConnectedTeamAsync();

        using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Message(team, "C0ELSEWHERE", "hello"), ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(await SlackArrange.EventsAsync(app, team));
    }

    [Fact]
    public async Task ReactionAdded_EmitsAnEvent_InAnyChannel()
    {
        var (team, workspace) = await ConnectedTeamAsync();

        using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Reaction(team, "C0ELSEWHERE", "white_check_mark"),
            ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var stored = Assert.Single(await SlackArrange.EventsAsync(app, team));
        Assert.Equal((workspace, "slack.reaction_added"), (stored.Workspace, stored.Type));
        Assert.Equal(["connection_id", "app", "account", "channel", "user", "reaction", "item_ts"], stored.Data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("C0ELSEWHERE", "U0BO", "white_check_mark", "1764800000.000100"), (stored.Data.GetProperty("channel").GetString(),
            stored.Data.GetProperty("user").GetString(), stored.Data.GetProperty("reaction").GetString(), stored.Data.GetProperty("item_ts").GetString()));
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("no headers")]
    [InlineData("no signature")]
    [InlineData("six minutes old")]
    [InlineData("six minutes ahead")]
    [InlineData("body changed")]
    [InlineData("not hex")]
    public async Task UnverifiedRequest_Is401ProblemDetails_AndEmitsNothing(string flaw)
    {
        var (team, _) = await ConnectedTeamAsync();
        var body = SlackRequests.Message(team, Chosen, "hello");
        var timestamp = (flaw switch { "six minutes old" => Now.AddMinutes(-6), "six minutes ahead" => Now.AddMinutes(6), _ => Now }).ToUnixTimeSeconds().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackRequests.Path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (flaw != "no headers")
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        var signature = SlackRequests.Sign(flaw == "wrong secret" ? "not-the-signing-secret" : ConnectApp.SlackSigningSecret, timestamp,
            flaw == "body changed" ? body.Replace("hello", "hellO", StringComparison.Ordinal) : body);
        if (flaw is not ("no headers" or "no signature"))
        {
            request.Headers.Add("X-Slack-Signature", flaw == "not hex" ? signature[..^2] + "zz" : signature);
        }

        using var answer = await slack.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await SlackArrange.EventsAsync(app, team));
    }

    [Fact]
    public async Task ABodyThatIsNotJson_Is400()
    {
        using var answer = await SlackRequests.PostAsync(slack, "token=x&team_id=T0", ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ARetryOrReplayOfAnEventId_Answers200_AndEmitsOnce_UntilItsReceiptIsPruned()
    {
        var (team, _) = await ConnectedTeamAsync();
        var body = SlackRequests.Message(team, Chosen, "once", SlackRequests.EventId());

        using var first = await SlackRequests.PostAsync(slack, body, ConnectApp.SlackSigningSecret, Now, Ct);
        using var replay = await SlackRequests.PostAsync(slack, body, ConnectApp.SlackSigningSecret, Now, Ct);
        using var retry = await SlackRequests.PostAsync(slack, body, ConnectApp.SlackSigningSecret, Now.AddSeconds(60), Ct, retry: 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, replay.StatusCode, retry.StatusCode });
        Assert.Single(await SlackArrange.EventsAsync(app, team));
        var connection = Assert.Single(await ConnectionsAsync(app, team));
        Assert.Equal(1, await ReceiptsAsync(connection.Id));
        app.Clock.Advance(SlackEventReceiptPruneJob.Kept + TimeSpan.FromMinutes(1));
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<SlackEventReceiptPruneJob>().RunAsync(Ct);
        }

        Assert.Equal(0, await ReceiptsAsync(connection.Id));
    }

    [Theory]
    [InlineData("subtype", "bot_message")]
    [InlineData("subtype", "message_changed")]
    [InlineData("subtype", "message_deleted")]
    [InlineData("subtype", "channel_join")]
    [InlineData("bot_id", "B0OURBOT")]
    public async Task AMessageThatIsNotAPersonsNewMessage_EmitsNothing(string field, string value)
    {
        var (team, _) = await ConnectedTeamAsync();

        using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Message(team, Chosen, "hello", extra: new() { [field] = value }),
            ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(await SlackArrange.EventsAsync(app, team));
    }

    [Fact]
    public async Task OneTeamInSeveralWorkspaces_EachGetsAnEvent_OnlyWhenItsOwnSecretSigned()
    {
        var (team, seeded) = await ConnectedTeamAsync();
        var (secretA, secretB) = ("signing-a-" + Guid.NewGuid().ToString("N"), "signing-b-" + Guid.NewGuid().ToString("N"));
        var a = await SlackArrange.WorkspaceWithSigningSecretAsync(app, secretA);
        var b = await SlackArrange.WorkspaceWithSigningSecretAsync(app, secretB);
        await SlackArrange.ConnectAsync(app, a, team);
        await SlackArrange.ConnectAsync(app, b, team);
        await SlackArrange.ChooseChannelsAsync(app, team, [Chosen]);

        foreach (var (secret, text) in new[] { (secretA, "for a"), (secretB, "for b"), (ConnectApp.SlackSigningSecret, "for the platform's app") })
        {
            using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Message(team, Chosen, text), secret, Now, Ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        using var stranger = await SlackRequests.PostAsync(slack, SlackRequests.Message(team, Chosen, "for nobody"), "not-a-slack-secret", Now, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal([(a, "for a"), (b, "for b"), (seeded, "for the platform's app")],
            (await SlackArrange.EventsAsync(app, team)).Select(e => (e.Workspace, e.Data.GetProperty("text").GetString())));
    }

    [Theory]
    [InlineData(ConnectionStatus.NeedsReauth)]
    [InlineData(ConnectionStatus.Disconnected)]
    public async Task AConnectionThatIsNotActive_EmitsNothing(string status)
    {
        var (team, _) = await ConnectedTeamAsync();
        await SlackArrange.SetStatusAsync(app, team, status);

        using var answer = await SlackRequests.PostAsync(slack, SlackRequests.Reaction(team, Chosen, "eyes"), ConnectApp.SlackSigningSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Empty(await SlackArrange.EventsAsync(app, team));
    }

    [Fact]
    public async Task ADisconnectedTeam_IsAnUnknownTeam_200NothingWhenSigned_401Otherwise()
    {
        var (team, _) = await ConnectedTeamAsync();
        var connection = Assert.Single(await ConnectionsAsync(app, team));
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        (await writer.DeleteAsync($"/api/v1/connections/cxn_{connection.Id:N}", Ct)).EnsureSuccessStatusCode();
        var workspaceSecret = "ws-signing-" + Guid.NewGuid().ToString("N");
        await SlackArrange.WorkspaceWithSigningSecretAsync(app, workspaceSecret);

        using var platform = await SlackRequests.PostAsync(slack, SlackRequests.Reaction(team, Chosen, "eyes"), ConnectApp.SlackSigningSecret, Now, Ct);
        using var otherWorkspaces = await SlackRequests.PostAsync(slack, SlackRequests.Reaction(team, Chosen, "eyes"), workspaceSecret, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        Assert.Equal("", await platform.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, otherWorkspaces.StatusCode);
        Assert.Empty(await SlackArrange.EventsAsync(app, team));
    }

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>A new Slack team connected in the seeded workspace through the consent round trip, its messages in
    /// <see cref="Chosen"/> chosen as triggers.</summary>
    private async Task<(string Team, Guid Workspace)> ConnectedTeamAsync()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Slack.Account = NewAccount();
        (await ConnectAsync(admin, "slack", app.Slack, true, Ct)).Dispose();
        await SlackArrange.ChooseChannelsAsync(app, account.TeamId, [Chosen]);
        return (account.TeamId, Assert.Single(await ConnectionsAsync(app, account.TeamId)).WorkspaceId);
    }

    private async Task<int> ReceiptsAsync(Guid connectionId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<Integrations.Platform.Data.IntegrationsDbContext>().Set<SlackEventReceipt>()
            .CountAsync(r => r.ConnectionId == connectionId, Ct);
    }
}

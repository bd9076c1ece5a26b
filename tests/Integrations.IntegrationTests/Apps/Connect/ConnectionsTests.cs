using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Connect;

/// <summary>Connections once connected: the API (never a token, scoped) and disconnecting.</summary>
public sealed class ConnectionsTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connections_ListAndGet_ShowTheAccount_NeverAToken()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        var token = await AccessTokenAsync(app, Assert.Single(await ConnectionsAsync(app, account.Email)));
        var client = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);

        var list = await client.GetStringAsync("/api/v1/connections?limit=200", Ct);

        var listed = JsonDocument.Parse(list).RootElement.GetProperty("data").EnumerateArray()
            .Single(c => c.GetProperty("account").GetString() == account.Email);
        var id = listed.GetProperty("id").GetString()!;
        Assert.StartsWith("cxn_", id, StringComparison.Ordinal);
        var one = await client.GetStringAsync($"/api/v1/connections/{id}", Ct);
        var connection = JsonDocument.Parse(one).RootElement;
        Assert.Equal(["id", "app_id", "account", "account_name", "status", "scopes", "expires_at", "last_error", "created_at", "settings", "expires_in_days", "token_expired", "syncs"],
            connection.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("gmail", "active"), (connection.GetProperty("app_id").GetString(), connection.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("expires_in_days").ValueKind); // Gmail's token renews itself
        Assert.All(new[] { list, one }, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
        using var missing = await client.GetAsync("/api/v1/connections/cxn_0193a0b0c0d0e0f00000000000000000", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Connections_Are403NamingTheScope_WithoutAppsReadOrAppsWrite()
    {
        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);
        var none = app.Client((await Keys.IssueAsync(app, ["contacts:read"])).Key);

        using var list = await none.GetAsync("/api/v1/connections", Ct);
        using var delete = await reader.DeleteAsync("/api/v1/connections/cxn_0193a0b0c0d0e0f00000000000000000", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (list.StatusCode, delete.StatusCode));
        Assert.Contains("apps:read", await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("apps:write", await delete.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_RevokesAtGoogle_AndDeletesTheTokens()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        var stored = Assert.Single(await ConnectionsAsync(app, account.Email));
        var token = await AccessTokenAsync(app, stored);
        var revocations = app.Google.Counters.Revocations;
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        var done = await (await writer.DeleteAsync($"/api/v1/connections/cxn_{stored.Id:N}", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.True(done.GetProperty("revoked").GetBoolean());
        Assert.Equal(revocations + 1, app.Google.Counters.Revocations);
        Assert.False(app.Google.IsValidAccessToken(token));
        Assert.Empty(await ConnectionsAsync(app, account.Email));
        Assert.Contains("app.disconnected", await AuditAsync(app), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_LeavesAGoogleGrantAlone_WhileAnotherAppOfTheAccountUsesIt()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        (await ConnectAsync(admin, "ga4", app.Google, true, Ct)).Dispose();
        var connections = await ConnectionsAsync(app, account.Email);
        var gmail = connections.Single(c => c.AppId == "gmail");
        var analytics = await AccessTokenAsync(app, connections.Single(c => c.AppId == "ga4"));
        var revocations = app.Google.Counters.Revocations;
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        var done = await (await writer.DeleteAsync($"/api/v1/connections/cxn_{gmail.Id:N}", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.False(done.GetProperty("revoked").GetBoolean());
        Assert.Contains("the Google Analytics 4 connection", done.GetProperty("revoke_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(revocations, app.Google.Counters.Revocations);
        Assert.True(app.Google.IsValidAccessToken(analytics));
        Assert.Equal(["ga4"], (await ConnectionsAsync(app, account.Email)).Select(c => c.AppId));
    }

    [Fact]
    public async Task Disconnect_OnThePage_RevokesAtSlackWithTheBearerToken()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Slack.Account = NewAccount("Deck");
        (await ConnectAsync(admin, "slack", app.Slack, true, Ct)).Dispose();
        var stored = Assert.Single(await ConnectionsAsync(app, account.TeamId));
        var token = await AccessTokenAsync(app, stored);
        Assert.Contains("Team Deck", await admin.GetStringAsync("/integrations/apps/slack", Ct), StringComparison.Ordinal);

        using var done = await admin.PostFormAsync("/integrations/apps/slack",
            $"/integrations/apps/slack?handler=Disconnect&connectionId=cxn_{stored.Id:N}", new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(app.Slack.IsValidAccessToken(token));
        Assert.Empty(await ConnectionsAsync(app, account.TeamId));
        Assert.Contains("Team Deck is disconnected: Slack revoked the access", await admin.GetStringAsync("/integrations/apps/slack", Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_StillDeletesTheTokens_AndSaysSo_WhenTheRevokeFails()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        var stored = Assert.Single(await ConnectionsAsync(app, account.Email));
        app.Google.RevokeGrantsOf(account);

        using var done = await admin.PostFormAsync("/integrations/apps/gmail",
            $"/integrations/apps/gmail?handler=Disconnect&connectionId=cxn_{stored.Id:N}", new Dictionary<string, string>(), Ct);

        Assert.Empty(await ConnectionsAsync(app, account.Email));
        var page = await admin.GetStringAsync("/integrations/apps/gmail", Ct);
        Assert.Contains("Gmail did not confirm the revocation (invalid_token: Token expired or revoked)", page, StringComparison.Ordinal);
    }
}

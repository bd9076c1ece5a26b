using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing.Fakes.Notion;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary>Connecting a Notion workspace with a token that never expires (Notion's long-standing flow).</summary>
public sealed class NotionConnectTests(NotionApp app) : IClassFixture<NotionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_KeepsTheNotionWorkspace_WithATokenThatNeverExpires()
    {
        var (account, key, _, authorize) = await app.ConnectAsync(Ct);

        var connection = await app.ConnectionAsync(key);
        Assert.Contains("owner=user", authorize, StringComparison.Ordinal);
        Assert.Equal(FakeNotion.WorkspaceId(account), connection.Account);
        Assert.Equal(account.TeamName, connection.AccountName);
        Assert.Null(connection.ExpiresAt);
        Assert.Null(connection.RefreshTokenCiphertext);
        Assert.Contains(FakeNotion.BotId(account), connection.Settings, StringComparison.Ordinal);
        Assert.True(app.Provider.IsValidAccessToken(await ConnectFlow.AccessTokenAsync(app, connection)));
    }
}

/// <summary>Notion's newer flow: the token expires, and its refresh token rotates on every refresh.</summary>
public sealed class NotionRefreshTests(NotionRefreshApp app) : IClassFixture<NotionRefreshApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_RefreshesAnExpiredToken_AndKeepsTheRotatedRefreshToken()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        app.Notion.Put(database, new() { ["Name"] = "Rui", ["Email"] = $"rui.{key:N}@example.com" }, app.Clock.GetUtcNow());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);
        var before = await app.ConnectionAsync(key);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var sync = await app.RunSyncAsync(key);

        var after = await app.ConnectionAsync(key);
        Assert.NotNull(before.ExpiresAt);
        Assert.NotNull(before.RefreshTokenCiphertext);
        Assert.Null(sync.LastError);
        Assert.Single(await app.ContactsAsync($"rui.{key:N}@example.com"));
        Assert.NotEqual(before.RefreshTokenCiphertext, after.RefreshTokenCiphertext);
        Assert.True(after.ExpiresAt > app.Clock.GetUtcNow());
        Assert.True(app.Provider.IsValidAccessToken(await ConnectFlow.AccessTokenAsync(app, after)));
    }

    [Fact]
    public async Task Sync_LeavesTheConnectionNeedingReauth_WhenNotionRefusesTheRefreshToken()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);
        app.Provider.RevokeGrantsOf(account);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var sync = await app.RunSyncAsync(key);

        Assert.Equal("needs_reauth", (await app.ConnectionAsync(key)).Status);
        Assert.NotNull(sync.LastError);
    }
}

using System.Net.Http.Json;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Google;

/// <summary>Connecting a fresh Google account to one of <see cref="GoogleApp"/>'s apps and setting its settings.</summary>
internal static class GoogleConnections
{
    /// <summary>Connects a new account through the consent flow; its connection's key and public id.</summary>
    public static async Task<(FakeAccount Account, Guid Key, string Id)> ConnectAsync(GoogleApp app, string appId, CancellationToken ct)
    {
        var admin = await app.SignInAsync(ct);
        var account = app.Google.Account = ConnectFlow.NewAccount();
        (await ConnectFlow.ConnectAsync(admin, appId, app.Google, true, ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email), c => c.AppId == appId);
        return (account, connection.Id, $"cxn_{connection.Id:N}");
    }

    public static async Task SetAsync(GoogleApp app, string connectionId, object settings, CancellationToken ct)
    {
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        using var response = await writer.PatchAsJsonAsync($"/api/v1/connections/{connectionId}", new { settings }, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}

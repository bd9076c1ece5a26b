using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Apps.Tokens;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary>The app (with a manual clock) whose LinkedIn points at a LinkedIn-style fake on the same clock (60-day member
/// tokens, no refresh tokens unless <see cref="RefreshTokens"/>) that also answers the Posts API, called with
/// <see cref="ApiVersion"/>.</summary>
public class LinkedInApp : ClockedSentinelApp
{
    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    public const string ApiVersion = "202601";

    public FakeOAuthProvider LinkedIn { get; private set; } = null!;

    public FakeLinkedIn Posts { get; } = new();

    public FakeOAuthClient OAuthClient { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>Whether the app is one of LinkedIn's approved partners, which get refresh tokens.</summary>
    protected virtual bool RefreshTokens => false;

    public override async ValueTask InitializeAsync()
    {
        LinkedIn = await FakeOAuthProvider.StartAsync(Posts.Options(Clock, RefreshTokens));
        OAuthClient = LinkedIn.RegisterClient(ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:linkedin:ClientId"] = OAuthClient.Id,
            ["Sentinel:Apps:linkedin:ClientSecret"] = OAuthClient.Secret,
            ["Sentinel:Apps:linkedin:Urls:authorize"] = LinkedIn.AuthorizeUrl,
            ["Sentinel:Apps:linkedin:Urls:token"] = LinkedIn.TokenUrl,
            ["Sentinel:Apps:linkedin:Urls:identity"] = LinkedIn.IdentityUrl,
            ["Sentinel:Apps:linkedin:Urls:api"] = LinkedIn.Url("/"),
            ["Sentinel:Apps:linkedin:ApiVersion"] = ApiVersion,
        };
        await base.InitializeAsync();
    }

    /// <summary>Connects a new member through the consent flow; its connection's key and public id.</summary>
    public async Task<(FakeAccount Account, Guid Key, string Id)> ConnectAsync(CancellationToken ct)
    {
        var admin = await AdminSession.SignInAsync(this, ct);
        var account = LinkedIn.Account = ConnectFlow.NewAccount();
        (await ConnectFlow.ConnectAsync(admin, "linkedin", LinkedIn, true, ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(this, account.LinkedInId), c => c.AppId == "linkedin");
        return (account, connection.Id, $"cxn_{connection.Id:N}");
    }

    /// <summary>Connects the fake's current account again (a new token, a new expiry).</summary>
    public async Task ReconnectAsync(CancellationToken ct)
    {
        var admin = await AdminSession.SignInAsync(this, ct);
        (await ConnectFlow.ConnectAsync(admin, "linkedin", LinkedIn, true, ct)).Dispose();
    }

    /// <summary>Runs the hourly job that announces tokens about to expire for good.</summary>
    public async Task RunExpiringJobAsync()
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<ConnectionExpiringJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the action through the API.</summary>
    public async Task<HttpResponseMessage> RunAsync(string connectionId, object input, CancellationToken ct)
    {
        writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write", "apps:read"])).Key);
        return await writer.PostAsJsonAsync($"/api/v1/connections/{connectionId}/actions/create_post", new { input }, ct);
    }

    public async Task<JsonElement> ConnectionAsync(string connectionId, CancellationToken ct)
    {
        writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write", "apps:read"])).Key);
        return await writer.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connectionId}", ct);
    }

    /// <summary>Replaces the connection's stored access token (and refresh token, when given), as if LinkedIn had granted these.</summary>
    public async Task StoreTokensAsync(Guid key, string accessToken, string? refreshToken = null)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<AppSecrets>();
        var connection = await db.Set<AppConnection>().IgnoreQueryFilters().SingleAsync(c => c.Id == key);
        connection.AccessTokenCiphertext = secrets.Protect(accessToken);
        connection.RefreshTokenCiphertext = refreshToken is null ? connection.RefreshTokenCiphertext : secrets.Protect(refreshToken);
        await db.SaveChangesAsync();
    }

    /// <summary>The events of <paramref name="type"/> about this connection, oldest first.</summary>
    public async Task<List<JsonObject>> EventsAsync(string type, string connectionId)
    {
        await using var scope = Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == type).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync();
        return [.. data.Select(d => JsonNode.Parse(d)!.AsObject()).Where(e => (string?)e["connection_id"] == connectionId)];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LinkedIn.DisposeAsync();
    }
}

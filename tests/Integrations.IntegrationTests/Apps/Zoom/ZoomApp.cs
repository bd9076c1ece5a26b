using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Zoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>The app (with a manual clock) whose Zoom points at a Zoom-style fake (OAuth with rotating refresh tokens,
/// <c>/v2/users/me</c>) that also answers the meetings API; the platform's Zoom app has a webhook secret token.</summary>
public sealed class ZoomApp : ClockedSentinelApp
{
    public const string SecretToken = "zoomSecretToken0123456789abcdef";

    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    public FakeOAuthProvider Zoom { get; private set; } = null!;

    public FakeZoom Api { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Zoom = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Zoom) { Clock = Clock, Apis = Api.Map });
        var client = Zoom.RegisterClient(ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:zoom:ClientId"] = client.Id,
            ["Sentinel:Apps:zoom:ClientSecret"] = client.Secret,
            ["Sentinel:Apps:zoom:WebhookSecretToken"] = SecretToken,
            ["Sentinel:Apps:zoom:Urls:authorize"] = Zoom.AuthorizeUrl,
            ["Sentinel:Apps:zoom:Urls:token"] = Zoom.TokenUrl,
            ["Sentinel:Apps:zoom:Urls:revoke"] = Zoom.RevokeUrl,
            ["Sentinel:Apps:zoom:Urls:identity"] = Zoom.IdentityUrl,
            ["Sentinel:Apps:zoom:Urls:api"] = Zoom.Url("/v2"),
        };
        await base.InitializeAsync();
    }

    /// <summary>A new Zoom user (of a Zoom account of its own, by its email domain) connected through the consent flow.</summary>
    public async Task<(FakeAccount Account, Guid Key, string Id)> ConnectAsync(CancellationToken ct)
    {
        var admin = await this.SignInAsync(ct);
        var account = Zoom.Account = new FakeAccount($"ana@z{Guid.NewGuid():N}.example.com");
        (await ConnectFlow.ConnectAsync(admin, "zoom", Zoom, true, ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(this, account.Email), c => c.AppId == "zoom");
        return (account, connection.Id, $"cxn_{connection.Id:N}");
    }

    /// <summary>"Sync now" through the API, then the queued job run here, as Hangfire would run it.</summary>
    public async Task RunSyncAsync(Guid connectionId)
    {
        writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write"])).Key);
        using (var queued = await writer.PostAsync($"/api/v1/connections/cxn_{connectionId:N}/sync", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        }

        await using var scope = Scope();
        var sync = await SyncAsync(connectionId);
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(sync.Id, CancellationToken.None);
    }

    internal async Task<AppSync> SyncAsync(Guid connectionId)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => s.ConnectionId == connectionId && s.SyncId == "meetings");
    }

    /// <summary>The connection's activities as the API shows them.</summary>
    public async Task<List<JsonElement>> ActivitiesAsync(string connectionId, CancellationToken ct)
    {
        var reader = this.Client((await Keys.IssueAsync(this, ["crm:read"])).Key);
        var page = await reader.GetFromJsonAsync<JsonElement>("/api/v1/records/activity?limit=200", ct);
        return [.. page.GetProperty("data").EnumerateArray().Where(a => a.GetProperty("connection_id").GetString() == connectionId)];
    }

    /// <summary>A contact in the seeded admin's workspace; its API shape.</summary>
    public async Task<JsonElement> ContactAsync(string email, CancellationToken ct)
    {
        var crm = this.Client((await Keys.IssueAsync(this, ["crm:write"])).Key);
        using var created = await crm.PostAsJsonAsync("/api/v1/records/contact", new { first_name = "Bo", last_name = "Chen", email }, ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        return await created.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>The zoom.* events of the connection, oldest first.</summary>
    public async Task<List<(string Type, JsonElement Data)>> EventsAsync(string connectionId)
    {
        await using var scope = Scope();
        var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type.StartsWith("zoom.")).OrderBy(e => e.Id).ToListAsync();
        return [.. events.Select(e => (e.Type, Data: JsonDocument.Parse(e.Data!).RootElement))
            .Where(e => e.Data.GetProperty("connection_id").GetString() == connectionId)];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Zoom.DisposeAsync();
    }
}

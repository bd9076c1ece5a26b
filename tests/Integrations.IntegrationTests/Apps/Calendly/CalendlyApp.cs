using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.Calendly;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Calendly;

/// <summary>The app (with a manual clock) whose Calendly points at a Calendly-style fake OAuth provider that also
/// answers Calendly's API.</summary>
public sealed class CalendlyApp : ClockedSentinelApp
{
    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    /// <summary>The Calendly OAuth app's own webhook signing key, as configured.</summary>
    public const string AppSigningKey = "calendly-oauth-app-signing-key-7f3a";

    public FakeOAuthProvider Provider { get; private set; } = null!;

    public FakeCalendly Calendly { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Provider = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Calendly) { Apis = Calendly.Map });
        var client = Provider.RegisterClient(ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:calendly:ClientId"] = client.Id,
            ["Sentinel:Apps:calendly:ClientSecret"] = client.Secret,
            ["Sentinel:Apps:calendly:Urls:authorize"] = Provider.AuthorizeUrl,
            ["Sentinel:Apps:calendly:Urls:token"] = Provider.TokenUrl,
            ["Sentinel:Apps:calendly:Urls:revoke"] = Provider.RevokeUrl,
            ["Sentinel:Apps:calendly:Urls:identity"] = Provider.IdentityUrl,
            ["Sentinel:Apps:calendly:Urls:api"] = Provider.Url("/"),
            ["Sentinel:Apps:calendly:SigningSecret"] = AppSigningKey,
        };
        await base.InitializeAsync();
    }

    /// <summary>Connects a new account (of a new organization) through the consent flow: the account, its connection's
    /// key and public id, and what the callback page said.</summary>
    public async Task<(FakeAccount Account, Guid Key, string Id, string Page)> ConnectAsync(CancellationToken ct)
    {
        var admin = await this.SignInAsync(ct);
        var account = Provider.Account = ConnectFlow.NewAccount();
        using var callback = await ConnectFlow.ConnectAsync(admin, "calendly", Provider, true, ct);
        var page = callback.Headers.Location is { } next ? await admin.GetStringAsync(next, ct) : await callback.Content.ReadAsStringAsync(ct);
        var connection = Assert.Single(await ConnectionsAsync(), c => c.AccountName == account.Email);
        return (account, connection.Id, $"cxn_{connection.Id:N}", page);
    }

    internal async Task<List<Integrations.Apps.Connections.AppConnection>> ConnectionsAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Integrations.Apps.Connections.AppConnection>()
            .IgnoreQueryFilters().AsNoTracking().Where(c => c.AppId == "calendly").ToListAsync();
    }

    /// <summary>POSTs a delivery to its callback URL (its path and query, on this in-memory app).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(FakeCalendlyDelivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(delivery.CallbackUrl).PathAndQuery)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Calendly-Webhook-Signature", delivery.Signature);
        return await CreateClient().SendAsync(request);
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
        var sync = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => s.ConnectionId == connectionId && s.SyncId == "scheduled_events");
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(sync.Id, CancellationToken.None);
    }

    public async Task<List<JsonElement>> ActivitiesAsync(string connectionId)
    {
        var reader = this.Client((await Keys.IssueAsync(this, ["crm:read"])).Key);
        var page = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/records/activity?connection_id={connectionId}&limit=200");
        return [.. page.GetProperty("data").EnumerateArray().Where(a => a.GetProperty("connection_id").GetString() == connectionId)];
    }

    public async Task<List<JsonElement>> ContactsAsync(string email)
    {
        var reader = this.Client((await Keys.IssueAsync(this, ["crm:read"])).Key);
        var page = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/records/contact?email={Uri.EscapeDataString(email)}");
        return [.. page.GetProperty("data").EnumerateArray().Where(c => c.TryGetProperty("email", out var e) && e.GetString() == email)];
    }

    /// <summary>The data of the connection's events of <paramref name="type"/>.</summary>
    public async Task<List<JsonElement>> EventsAsync(EventType type, string connectionId)
    {
        await using var scope = Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == type.Name).Select(e => e.Data).ToListAsync();
        return [.. data.Select(d => JsonDocument.Parse(d!).RootElement).Where(e => e.GetProperty("connection_id").GetString() == connectionId)];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

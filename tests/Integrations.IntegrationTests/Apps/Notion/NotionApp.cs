using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.Notion;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary>The app (with a manual clock) whose Notion points at a Notion-style fake on the same clock: tokens that never
/// expire, or (<see cref="RefreshTokens"/>) Notion's newer flow with expiring tokens and rotating refresh tokens. The
/// workspace connects with its own Notion client (entered on the app page), which keeps the webhook's verification token.</summary>
public class NotionApp : ClockedSentinelApp
{
    public const string ApiVersion = "2022-06-28";

    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    public FakeOAuthProvider Provider { get; private set; } = null!;

    public FakeNotion Notion { get; } = new();

    public FakeOAuthClient OAuthClient { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    protected virtual bool RefreshTokens => false;

    public override async ValueTask InitializeAsync()
    {
        Provider = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Notion)
        {
            Clock = Clock, RefreshTokens = RefreshTokens, AccessTokenLifetime = TimeSpan.FromHours(1), Apis = Notion.Map,
        });
        OAuthClient = Provider.RegisterClient(ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:notion:Urls:authorize"] = Provider.AuthorizeUrl,
            ["Sentinel:Apps:notion:Urls:token"] = Provider.TokenUrl,
            ["Sentinel:Apps:notion:Urls:api"] = Provider.Url("/"),
            ["Sentinel:Apps:notion:ApiVersion"] = ApiVersion,
        };
        await base.InitializeAsync();
    }

    /// <summary>Enters the workspace's Notion client on the app page (idempotent).</summary>
    public async Task<HttpClient> SaveClientAsync(CancellationToken ct)
    {
        var admin = await this.SignInAsync(ct);
        const string page = "/integrations/apps/notion";
        using var saved = await admin.PostFormAsync(page, $"{page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = OAuthClient.Id, ["ClientSecret"] = OAuthClient.Secret }, ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return admin;
    }

    /// <summary>Connects a new Notion workspace through the consent flow: the account, the connection's key and public id,
    /// and the authorize URL the admin was sent to.</summary>
    public async Task<(FakeAccount Account, Guid Key, string Id, string AuthorizeUrl)> ConnectAsync(CancellationToken ct)
    {
        var admin = await SaveClientAsync(ct);
        var account = Provider.Account = ConnectFlow.NewAccount();
        var authorize = await ConnectFlow.StartAsync(admin, "notion", ct);
        var callback = await Provider.ConsentAsync(authorize, true, ct);
        (await admin.GetAsync(callback.PathAndQuery, ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(this, FakeNotion.WorkspaceId(account)), c => c.AppId == "notion");
        return (account, connection.Id, $"cxn_{connection.Id:N}", authorize);
    }

    public async Task<HttpClient> WriterAsync() =>
        writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write", "apps:read", "crm:read"])).Key);

    /// <summary>Sets the synced database and the mapping (contact: Email → email, Name → first_name, Role → job_title;
    /// upserted by the page id as external id), or the given mapping.</summary>
    public async Task<HttpResponseMessage> ConfigureAsync(string connectionId, string databaseId, JsonObject? mapping = null)
    {
        mapping ??= new JsonObject
        {
            ["object"] = "contact",
            ["fields"] = new JsonArray(
                new JsonObject { ["field"] = "email", ["path"] = "$.properties.Email" },
                new JsonObject { ["field"] = "first_name", ["path"] = "$.properties.Name" },
                new JsonObject { ["field"] = "job_title", ["path"] = "$.properties.Role", ["optional"] = true }),
            ["upsert"] = new JsonObject { ["by"] = "external_id", ["path"] = "$.id" },
        };
        return await (await WriterAsync()).PatchAsJsonAsync($"/api/v1/connections/{connectionId}",
            new { settings = new JsonObject { ["database_id"] = databaseId, ["mapping"] = mapping } });
    }

    public FakeNotionDatabase AddPeople(FakeAccount account) =>
        Notion.AddDatabase(account, "People", new Dictionary<string, string>
        {
            ["Name"] = "title", ["Email"] = "email", ["Role"] = "rich_text", ["Stage"] = "select", ["Score"] = "number", ["Tags"] = "multi_select",
        });

    /// <summary>"Sync now" through the API, then the queued job run here, as Hangfire would run it; the sync row after.</summary>
    internal async Task<AppSync> RunSyncAsync(Guid connectionId)
    {
        using (var queued = await (await WriterAsync()).PostAsync($"/api/v1/connections/cxn_{connectionId:N}/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        }

        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var sync = await db.Set<AppSync>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.ConnectionId == connectionId && s.SyncId == "database");
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(sync.Id, CancellationToken.None);
        return await db.Set<AppSync>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == sync.Id);
    }

    public async Task<List<JsonElement>> ContactsAsync(string email)
    {
        var page = await (await WriterAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/records/contact?email={Uri.EscapeDataString(email)}");
        return [.. page.GetProperty("data").EnumerateArray().Where(c => c.TryGetProperty("email", out var e) && e.GetString() == email)];
    }

    internal async Task<AppConnection> ConnectionAsync(Guid key)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == key);
    }

    /// <summary>The data of the connection's <c>notion.page_changed</c> events.</summary>
    public async Task<List<JsonElement>> PageEventsAsync(string connectionId)
    {
        await using var scope = Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == EventCatalog.NotionPageChanged.Name).Select(e => e.Data).ToListAsync();
        return [.. data.Select(d => JsonDocument.Parse(d!).RootElement).Where(e => e.GetProperty("connection_id").GetString() == connectionId)];
    }

    /// <summary>The webhook URL the app page shows (path and query), for this in-memory app.</summary>
    public async Task<string> WebhookPathAsync(CancellationToken ct)
    {
        var page = await (await SaveClientAsync(ct)).GetStringAsync("/integrations/apps/notion", ct);
        var url = Regex.Match(page, "<code id=\"events-url\">([^<]+)</code>").Groups[1].Value;
        return new Uri(WebUtility.HtmlDecode(url)).PathAndQuery;
    }

    public async Task<HttpResponseMessage> DeliverAsync(string path, FakeNotionDelivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        if (delivery.Signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Notion-Signature", delivery.Signature);
        }

        return await CreateClient().SendAsync(request);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The same, with Notion's newer flow: access tokens that expire, refresh tokens that rotate.</summary>
public sealed class NotionRefreshApp : NotionApp
{
    protected override bool RefreshTokens => true;
}

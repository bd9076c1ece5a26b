using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Tokens;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.Meta;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Meta;

/// <summary>The app (with a manual clock) whose Facebook Pages and Instagram point at one Meta fake on the same clock
/// (Facebook Login, the Graph API at <see cref="FakeMeta.Version"/>, set as both apps' ApiVersion), with Instagram's
/// container checks made without waiting.</summary>
public sealed class MetaApp : ClockedSentinelApp
{
    public const int ContainerChecks = 3;

    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    public FakeOAuthProvider Meta { get; private set; } = null!;

    public FakeMeta Graph { get; } = new();

    public FakeOAuthClient OAuthClient { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Meta = await FakeOAuthProvider.StartAsync(Graph.Options(Clock));
        OAuthClient = Meta.RegisterClient(ConnectApp.RedirectUri);
        var root = Meta.Url("/").TrimEnd('/');
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:instagram:ContainerChecks"] = ContainerChecks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sentinel:Apps:instagram:ContainerCheckInterval"] = "00:00:00",
        };
        foreach (var app in new[] { "facebook-pages", "instagram" })
        {
            settings[$"Sentinel:Apps:{app}:ClientId"] = OAuthClient.Id;
            settings[$"Sentinel:Apps:{app}:ClientSecret"] = OAuthClient.Secret;
            settings[$"Sentinel:Apps:{app}:ApiVersion"] = FakeMeta.Version;
            // Overrides keep {api_version}: the configured version goes into them as into the shipped URLs.
            settings[$"Sentinel:Apps:{app}:Urls:authorize"] = $"{root}/{{api_version}}/dialog/oauth";
            settings[$"Sentinel:Apps:{app}:Urls:token"] = $"{root}/{{api_version}}/oauth/access_token";
            settings[$"Sentinel:Apps:{app}:Urls:identity"] = $"{root}/{{api_version}}/me?fields=id,name";
            settings[$"Sentinel:Apps:{app}:Urls:api"] = $"{root}/{{api_version}}";
        }

        await base.InitializeAsync();
    }

    /// <summary>A new Facebook user managing <paramref name="pages"/> (name, with a linked Instagram account) connects
    /// <paramref name="appId"/>; its connection's key and public id, and the consent's answer.</summary>
    public async Task<Connected> ConnectAsync(string appId, CancellationToken ct, params (string Name, bool Instagram)[] pages)
    {
        var admin = await AdminSession.SignInAsync(this, ct);
        var account = Meta.Account = ConnectFlow.NewAccount();
        var added = pages.Select(p => Graph.AddPage(account, p.Name, p.Instagram)).ToList();
        using var back = await ConnectFlow.ConnectAsync(admin, appId, Meta, true, ct);
        // A connect that went through redirects to the app's page, which shows what happened.
        var page = back.Headers.Location is { } shown ? await admin.GetStringAsync(shown, ct) : await back.Content.ReadAsStringAsync(ct);
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(this, account.FacebookId), c => c.AppId == appId);
        return new Connected(account, added, connection.Id, $"cxn_{connection.Id:N}", page);
    }

    public async Task<HttpResponseMessage> RunAsync(string connectionId, string action, object input, CancellationToken ct) =>
        await (await WriterAsync()).PostAsJsonAsync($"/api/v1/connections/{connectionId}/actions/{action}", new { input }, ct);

    public async Task<JsonElement> ConnectionAsync(string connectionId, CancellationToken ct) =>
        await (await WriterAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connectionId}", ct);

    public async Task<HttpResponseMessage> ChoosePageAsync(string connectionId, string pageId, CancellationToken ct) =>
        await (await WriterAsync()).PatchAsJsonAsync($"/api/v1/connections/{connectionId}", new { settings = new { page = pageId } }, ct);

    /// <summary>Runs the hourly job that announces tokens about to expire for good.</summary>
    public async Task RunExpiringJobAsync()
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<ConnectionExpiringJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>The events of <paramref name="type"/> about this connection, oldest first.</summary>
    public async Task<List<JsonObject>> EventsAsync(string type, string connectionId)
    {
        await using var scope = Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == type).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync();
        return [.. data.Select(d => JsonNode.Parse(d)!.AsObject()).Where(e => (string?)e["connection_id"] == connectionId)];
    }

    /// <summary>The Graph API calls the fake answered since <paramref name="from"/> (an earlier count of its requests).</summary>
    public List<FakeProviderRequest> GraphCallsSince(int from) => [.. Meta.Requests.Skip(from).Where(r => r.Path.StartsWith($"/{FakeMeta.Version}/", StringComparison.Ordinal))];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Meta.DisposeAsync();
    }

    private async Task<HttpClient> WriterAsync() => writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write", "apps:read"])).Key);
}

/// <summary>A connected Meta user: the fake's account, its Pages, the connection's key and id, and the page the callback showed.</summary>
public sealed record Connected(FakeAccount Account, IReadOnlyList<FakeMetaPage> Pages, Guid Key, string Id, string CallbackPage);

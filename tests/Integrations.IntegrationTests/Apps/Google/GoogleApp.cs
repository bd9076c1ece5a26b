using Integrations.Apps.Syncs;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Testing.Fakes.Ga4;
using Integrations.Testing.Fakes.GoogleCalendar;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Google;

/// <summary>The app (with a manual clock) whose GA4 and Google Calendar point at one Google-style fake that also
/// answers the GA4 Data API, the Measurement Protocol and the Calendar API.</summary>
public sealed class GoogleApp : ClockedSentinelApp
{
    private Dictionary<string, string?> settings = [];
    private HttpClient? writer;

    public FakeOAuthProvider Google { get; private set; } = null!;

    public FakeGa4 Ga4 { get; } = new();

    public FakeGoogleCalendar Calendar { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Google = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google) { Apis = apis => { Ga4.Map(apis); Calendar.Map(apis); } });
        var client = Google.RegisterClient(Connect.ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings);
        foreach (var app in new[] { "ga4", "google-calendar" })
        {
            settings[$"Sentinel:Apps:{app}:ClientId"] = client.Id;
            settings[$"Sentinel:Apps:{app}:ClientSecret"] = client.Secret;
            foreach (var (name, url) in new[] { ("authorize", Google.AuthorizeUrl), ("token", Google.TokenUrl), ("identity", Google.IdentityUrl),
                         ("revoke", Google.RevokeUrl!), ("api", Google.Url(app == "ga4" ? "/" : "/calendar/v3")), ("measurement", Google.Url("/")) })
            {
                settings[$"Sentinel:Apps:{app}:Urls:{name}"] = url;
            }
        }

        await base.InitializeAsync();
    }

    /// <summary>"Sync now" through the API, then the queued job run here, as Hangfire would run it.</summary>
    public async Task RunSyncAsync(Guid connectionId, string syncId)
    {
        writer ??= this.Client((await Keys.IssueAsync(this, ["apps:write"])).Key);
        using (var queued = await writer.PostAsync($"/api/v1/connections/cxn_{connectionId:N}/sync", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        }

        await using var scope = Scope();
        var sync = await SyncAsync(connectionId, syncId);
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(sync.Id, CancellationToken.None);
    }

    /// <summary>The sync's row as it stands.</summary>
    internal async Task<AppSync> SyncAsync(Guid connectionId, string syncId)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => s.ConnectionId == connectionId && s.SyncId == syncId);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Google.DisposeAsync();
    }
}

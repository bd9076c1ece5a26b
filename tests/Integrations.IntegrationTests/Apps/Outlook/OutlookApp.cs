using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.Graph;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Outlook;

/// <summary>The app (with a manual clock, which the fakes share) whose Outlook points at a Microsoft-style fake serving
/// the fake Graph: access tokens live 15 minutes, delta pages hold 2 items at most.</summary>
public sealed class OutlookApp : ClockedSentinelApp
{
    private Dictionary<string, string?> settings = [];

    public FakeGraph Graph { get; private set; } = null!;

    public FakeOAuthProvider Microsoft { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Graph = new FakeGraph(Clock) { MaxPageSize = 2 };
        Microsoft = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Microsoft)
        {
            Clock = Clock, Apis = Graph.Map, AccessTokenLifetime = TimeSpan.FromMinutes(15),
        });
        var client = Microsoft.RegisterClient(ConnectApp.RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Apps:outlook:Urls:authorize"] = Microsoft.AuthorizeUrl,
            ["Sentinel:Apps:outlook:Urls:token"] = Microsoft.TokenUrl,
            ["Sentinel:Apps:outlook:Urls:identity"] = Microsoft.IdentityUrl,
            ["Sentinel:Apps:outlook:Urls:api"] = Microsoft.BaseUrl.ToString(),
            ["Sentinel:Apps:outlook:ClientId"] = client.Id,
            ["Sentinel:Apps:outlook:ClientSecret"] = client.Secret,
        };
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Microsoft.DisposeAsync();
    }
}

using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;

namespace Integrations.IntegrationTests.Apps.Connect;

/// <summary>The app (with a manual clock) whose Gmail and Google Calendar point at a Google-style fake, Outlook at a
/// Microsoft-style one and Slack at a Slack-style one (with its Web API), each with a platform-wide client registered
/// there. Google Calendar's client secret is wrong on purpose; GA4 shares Gmail's client. Slack's platform app has a
/// signing secret.</summary>
public sealed class ConnectApp : ClockedSentinelApp
{
    public const string RedirectUri = "http://localhost/integrations/apps/callback";
    public const string SlackSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private Dictionary<string, string?> settings = [];

    public FakeOAuthProvider Google { get; private set; } = null!;

    public FakeOAuthProvider Microsoft { get; private set; } = null!;

    public FakeOAuthProvider Slack { get; private set; } = null!;

    /// <summary>Slack's Web API (<c>chat.postMessage</c>, <c>conversations.list</c>) on the Slack fake.</summary>
    public FakeSlackApi SlackApi { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Google = await FakeOAuthProvider.StartAsync(OAuthStyle.Google);
        Microsoft = await FakeOAuthProvider.StartAsync(OAuthStyle.Microsoft);
        Slack = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Slack) { Apis = SlackApi.Map });
        settings = new Dictionary<string, string?>(LocalReceiver.Settings);
        var google = Point("gmail", Google);
        Point("google-calendar", Google, google.Id, "not-the-secret");
        Point("ga4", Google, google.Id, google.Secret);
        Point("outlook", Microsoft);
        Point("slack", Slack);
        settings["Sentinel:Apps:slack:SigningSecret"] = SlackSigningSecret;
        settings["Sentinel:Apps:slack:Urls:api"] = Slack.Url("/api");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Google.DisposeAsync();
        await Microsoft.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private FakeOAuthClient Point(string appId, FakeOAuthProvider fake, string? clientId = null, string? secret = null)
    {
        var client = clientId is null ? fake.RegisterClient(RedirectUri) : null;
        settings[$"Sentinel:Apps:{appId}:Urls:authorize"] = fake.AuthorizeUrl;
        settings[$"Sentinel:Apps:{appId}:Urls:token"] = fake.TokenUrl;
        settings[$"Sentinel:Apps:{appId}:Urls:identity"] = fake.IdentityUrl;
        if (fake.RevokeUrl is { } revoke)
        {
            settings[$"Sentinel:Apps:{appId}:Urls:revoke"] = revoke;
        }

        settings[$"Sentinel:Apps:{appId}:ClientId"] = clientId ?? client!.Id;
        settings[$"Sentinel:Apps:{appId}:ClientSecret"] = secret ?? client!.Secret;
        return client!;
    }
}

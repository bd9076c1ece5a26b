using Integrations.Testing;
using Integrations.Testing.Fakes.Gmail;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>The app (with a manual clock) whose Gmail points at a Google-style fake serving <see cref="FakeGmail"/>. The
/// fake expires tokens by a clock of its own (<see cref="ProviderClock"/>), so a test can end a token the app still
/// believes fresh; local webhook receivers are allowed.</summary>
public sealed class GmailApp : ClockedSentinelApp
{
    public const string RedirectUri = "http://localhost/integrations/apps/callback";

    private Dictionary<string, string?> settings = [];

    public ManualClock ProviderClock { get; } = new(DateTimeOffset.UtcNow);

    public FakeGmail Gmail { get; private set; } = null!;

    public FakeOAuthProvider Google { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Gmail = new FakeGmail(Clock);
        Google = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google) { Apis = Gmail.Map, Clock = ProviderClock });
        var client = Google.RegisterClient(RedirectUri);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            // Small enough that a test of a few hundred messages sees a run hand over to the next.
            ["Sentinel:Connections:SyncPagesPerRun"] = "3",
            ["Sentinel:Apps:gmail:Urls:authorize"] = Google.AuthorizeUrl,
            ["Sentinel:Apps:gmail:Urls:token"] = Google.TokenUrl,
            ["Sentinel:Apps:gmail:Urls:identity"] = Google.IdentityUrl,
            ["Sentinel:Apps:gmail:Urls:revoke"] = Google.RevokeUrl,
            ["Sentinel:Apps:gmail:Urls:api"] = Google.BaseUrl.ToString(),
            ["Sentinel:Apps:gmail:ClientId"] = client.Id,
            ["Sentinel:Apps:gmail:ClientSecret"] = client.Secret,
        };
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Google.DisposeAsync();
    }
}

using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integrations.IntegrationTests.Apps.Tokens;

/// <summary>
/// The app with Gmail pointed at a Google-style fake and Outlook at a Microsoft-style one (its refresh tokens rotate),
/// each fake on a clock of its own so a test can expire a token at the provider while the app still trusts it. The
/// Google fake serves <see cref="PingPath"/> to valid tokens only, and answers 429 there when told to.
/// </summary>
public sealed class TokenApp : ClockedSentinelApp
{
    public const string PingPath = "/gmail/v1/users/me/profile";

    private Dictionary<string, string?> settings = [];

    public ManualClock ProviderClock { get; } = new(DateTimeOffset.UtcNow);

    public FakeOAuthProvider Google { get; private set; } = null!;

    public FakeOAuthProvider Microsoft { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Google = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google)
        {
            Clock = ProviderClock,
            Apis = apis => apis.MapGet(PingPath, (HttpContext context) => new { emailAddress = context.FakeGrant().Account.Email }).RequireFakeAccessToken(),
        });
        Microsoft = await FakeOAuthProvider.StartAsync(OAuthStyle.Microsoft, ProviderClock);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Connections:RefreshMargin"] = "00:05:00",
            ["Sentinel:Connections:RefreshConcurrency"] = "2",
            ["Sentinel:Connections:RequestTimeout"] = "00:00:02",
        };
        Point("gmail", Google);
        Point("outlook", Microsoft);
        await base.InitializeAsync();
    }

    /// <summary>Another instance of the app on the same database with the same settings, as behind a load balancer.</summary>
    public Instance SecondInstance() => new(settings, ConnectionString, Clock);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Google.DisposeAsync();
        await Microsoft.DisposeAsync();
    }

    private void Point(string appId, FakeOAuthProvider fake)
    {
        var client = fake.RegisterClient(Connect.ConnectApp.RedirectUri);
        settings[$"Sentinel:Apps:{appId}:Urls:authorize"] = fake.AuthorizeUrl;
        settings[$"Sentinel:Apps:{appId}:Urls:token"] = fake.TokenUrl;
        settings[$"Sentinel:Apps:{appId}:Urls:identity"] = fake.IdentityUrl;
        settings[$"Sentinel:Apps:{appId}:Urls:api"] = fake.Url("/");
        if (fake.RevokeUrl is { } revoke)
        {
            settings[$"Sentinel:Apps:{appId}:Urls:revoke"] = revoke;
        }

        settings[$"Sentinel:Apps:{appId}:ClientId"] = client.Id;
        settings[$"Sentinel:Apps:{appId}:ClientSecret"] = client.Secret;
    }

    /// <summary>A second app on the first one's database, its clock set to the first one's time.</summary>
    public sealed class Instance(IReadOnlyDictionary<string, string?> settings, string connectionString, ManualClock first) : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(settings)
        {
            ["Sentinel:Inbound:Worker"] = "false",
        };

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Clock.Advance(first.GetUtcNow() - Clock.GetUtcNow());
        }

        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }
}

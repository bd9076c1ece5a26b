using Integrations.Apps.Syncs;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

/// <summary>The browser app with Gmail and GA4 on a Google-style fake and Slack on a Slack-style one with its Web API.
/// Gmail's sync is a stand-in that stores <see cref="ItemsPerSync"/> items a run, so the page's sync controls are tested
/// without a mailbox; each app's client is registered at its fake for the app's real port and entered on its page.</summary>
public sealed class AppPageApp : BrowserApp
{
    public const int ItemsPerSync = 3;

    private readonly HashSet<string> clientsSaved = [];
    private Dictionary<string, string?> settings = [];

    public FakeOAuthProvider Google { get; private set; } = null!;

    public FakeOAuthProvider Slack { get; private set; } = null!;

    public FakeSlackApi SlackApi { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        Google = await FakeOAuthProvider.StartAsync(OAuthStyle.Google);
        Slack = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Slack) { Apis = SlackApi.Map });
        settings = new Dictionary<string, string?>(LocalReceiver.Settings) { ["Sentinel:Apps:slack:Urls:api"] = Slack.Url("/api") };
        foreach (var (app, fake) in new[] { ("gmail", Google), ("ga4", Google), ("slack", Slack) })
        {
            settings[$"Sentinel:Apps:{app}:Urls:authorize"] = fake.AuthorizeUrl;
            settings[$"Sentinel:Apps:{app}:Urls:token"] = fake.TokenUrl;
            settings[$"Sentinel:Apps:{app}:Urls:revoke"] = fake.RevokeUrl;
            settings[$"Sentinel:Apps:{app}:Urls:identity"] = fake.IdentityUrl;
        }

        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAppSync>();
            services.AddScoped<IAppSync, StandInSync>();
        });
    }

    /// <summary>Connects <paramref name="account"/> to the app through its page and the fake's consent page, and
    /// returns the connection's block on the app page.</summary>
    public async Task<ILocator> ConnectAsync(IPage page, string appId, FakeAccount account)
    {
        var fake = appId == "slack" ? Slack : Google;
        await page.GotoAsync($"/integrations/apps/{appId}");
        if (clientsSaved.Add(appId))
        {
            var client = fake.RegisterClient(await page.Locator("#redirect-uri").InnerTextAsync());
            await page.Locator("#client-form input[name=ClientId]").FillAsync(client.Id);
            await page.Locator("#client-form input[name=ClientSecret]").FillAsync(client.Secret);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is saved");
        }

        fake.Account = account;
        await page.Locator("#connect").ClickAsync();
        await page.Locator("#allow").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is connected");
        return Connection(page, appId == "slack" ? account.TeamName : account.Email);
    }

    public static ILocator Connection(IPage page, string account) => page.Locator("article.connection", new() { HasText = account });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Google.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private sealed class StandInSync : IAppSync
    {
        public string AppId => "gmail";

        public string SyncId => "messages";

        public async Task<bool> RunPageAsync(SyncContext ctx, CancellationToken ct)
        {
            await ctx.SaveAsync(_ => Task.FromResult(ItemsPerSync), "stand-in", ct);
            return false;
        }
    }
}

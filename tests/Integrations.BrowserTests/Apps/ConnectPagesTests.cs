using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

public sealed class ConnectPagesTests(ConnectPagesTests.App app) : IClassFixture<ConnectPagesTests.App>
{
    /// <summary>The browser app with Gmail pointed at a Google-style fake on loopback; the fake's client is registered
    /// for the app's real port once it listens, and entered on the page as the workspace's own.</summary>
    public sealed class App : BrowserApp
    {
        private Dictionary<string, string?> settings = [];

        public FakeOAuthProvider Google { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => settings;

        public override async ValueTask InitializeAsync()
        {
            Google = await FakeOAuthProvider.StartAsync(OAuthStyle.Google);
            settings = new Dictionary<string, string?>(LocalReceiver.Settings)
            {
                ["Sentinel:Apps:gmail:Urls:authorize"] = Google.AuthorizeUrl,
                ["Sentinel:Apps:gmail:Urls:token"] = Google.TokenUrl,
                ["Sentinel:Apps:gmail:Urls:revoke"] = Google.RevokeUrl,
                ["Sentinel:Apps:gmail:Urls:identity"] = Google.IdentityUrl,
            };
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Google.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connect_ConsentAtTheProvider_ShowsTheMailboxOnTheAppPage()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/apps/gmail");
        var client = app.Google.RegisterClient(await page.Locator("#redirect-uri").InnerTextAsync());
        await page.Locator("#client-form input[name=ClientId]").FillAsync(client.Id);
        await page.Locator("#client-form input[name=ClientSecret]").FillAsync(client.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is saved");
        app.Google.Account = new FakeAccount("maria@example.com", "Maria Costa");

        await page.Locator("#connect").ClickAsync();
        await Assertions.Expect(page.Locator("#allow")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "apps-consent");
        await page.Locator("#allow").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("maria@example.com is connected to Gmail.");
        var row = page.Locator("#connections article.connection").First;
        await Assertions.Expect(row).ToContainTextAsync("maria@example.com");
        await Assertions.Expect(row).ToContainTextAsync("active");
        await Assertions.Expect(row).ToContainTextAsync("gmail.send");
        await Screenshots.SaveAsync(page, "apps-connected");
    }
}

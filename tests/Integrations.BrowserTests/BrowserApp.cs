using Integrations.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests;

/// <summary>
/// The real app on a real loopback port plus Debian's headless Chromium: one per test class
/// (<c>IClassFixture&lt;BrowserApp&gt;</c>). Playwright never downloads a browser here.
/// </summary>
public class BrowserApp : SentinelApp
{
    private IPlaywright? playwright;

    public BrowserApp() => UseKestrel(0);

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page on the app, not signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in as the seeded admin.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await AdminSession.SignInAsync(page);
        return page;
    }

    /// <summary>An HTTP client on the real port, e.g. to call the API the way an outside system would.</summary>
    public HttpClient HttpClient() => new() { BaseAddress = BaseUrl };

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}

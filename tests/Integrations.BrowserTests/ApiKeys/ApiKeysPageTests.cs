using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.ApiKeys;

public sealed class ApiKeysPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task GenerateKey_ShowsSecretOnce_RollKeepsTheOldWorkingForItsGrace_ThenRevokeStopsBoth()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/api-keys");
        var name = "Browser " + Guid.NewGuid().ToString("N")[..8];

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate API Key" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate key" }).ClickAsync();

        var banner = page.Locator("#new-key-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var secret = (await page.Locator("#new-key").TextContentAsync())!.Trim();
        Assert.Matches("^sk_[0-9a-f]{64}$", secret);
        var row = page.Locator("#api-keys tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(secret[..11] + "••••••••");
        await Assertions.Expect(row).ToContainTextAsync("audit:read");
        await Screenshots.SaveAsync(page, "api-keys-generated");
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync(secret)).StatusCode);

        await page.ReloadAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Roll" }).ClickAsync();
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var rolled = (await page.Locator("#new-key").TextContentAsync())!.Trim();
        Assert.NotEqual(secret, rolled);
        await Assertions.Expect(row).ToContainTextAsync("Rolling: old secret expires in 24 h");
        await Screenshots.SaveAsync(page, "api-keys-rolled");
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync(rolled)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync(secret)).StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync(rolled)).StatusCode);
    }

    [Fact]
    public async Task GenerateKey_KeepsDrawerOpenWithFieldErrors_WhenNameAndScopesAreMissing()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/api-keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate API Key" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate key" }).ClickAsync();

        var drawer = page.Locator("aside.drawer");
        await Assertions.Expect(drawer).ToContainTextAsync("Give the key a name");
        await Assertions.Expect(drawer).ToContainTextAsync("Choose at least one scope");
        await Assertions.Expect(page.Locator("body.drawer-open")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#new-key-banner")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "api-keys-drawer-errors");
    }

    private async Task<HttpResponseMessage> CallApiAsync(string key)
    {
        using var client = app.HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.GetAsync("/api/v1/audit", TestContext.Current.CancellationToken);
    }
}

using System.Net;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

/// <summary>WhatsApp's credential form on its app page, against the fake Cloud API.</summary>
public sealed class WhatsAppPageTests(WhatsAppPageApp app) : IClassFixture<WhatsAppPageApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CredentialForm_RefusesAWrongToken_ThenConnectsTheNumber_AndShowsTheWebhookToRegister()
    {
        var number = app.WhatsApp.AddNumber("+1 555-010-0142", "Sentinel Browser Shop");
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/apps/whatsapp");
        await Assertions.Expect(page.Locator("#oauth-client")).ToHaveCountAsync(0);

        await page.GetByLabel("System-user access token").FillAsync("EAAGwrong");
        await page.GetByLabel("Phone number id").FillAsync(number.Id);
        await page.GetByLabel("App secret").FillAsync(number.AppSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect WhatsApp" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field=access_token]")).ToContainTextAsync("refused the access token");
        await Assertions.Expect(page.GetByLabel("Phone number id")).ToHaveValueAsync(number.Id);
        await Assertions.Expect(page.Locator("article.connection")).ToHaveCountAsync(0);

        await page.GetByLabel("System-user access token").FillAsync(number.Token);
        await page.GetByLabel("App secret").FillAsync(number.AppSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect WhatsApp" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sentinel Browser Shop (+1 555-010-0142) is connected");
        var connection = page.Locator("article.connection");
        await Assertions.Expect(connection).ToHaveAttributeAsync("data-status", "active");
        await Assertions.Expect(connection.Locator(".account")).ToHaveTextAsync("Sentinel Browser Shop");
        await Assertions.Expect(page.Locator("#webhook-url")).ToHaveTextAsync(new Uri(app.BaseUrl, "/api/v1/apps/whatsapp/webhook").ToString());
        await Screenshots.SaveAsync(page, "apps-whatsapp-connected");

        // The verify token shown is the one Meta's handshake is answered with.
        var verifyToken = await connection.Locator(".verify-token").TextContentAsync();
        using var meta = new HttpClient { BaseAddress = app.BaseUrl };
        var handshake = await meta.GetAsync($"/api/v1/apps/whatsapp/webhook?hub.mode=subscribe&hub.challenge=8841&hub.verify_token={verifyToken}", Ct);
        Assert.Equal((HttpStatusCode.OK, "8841"), (handshake.StatusCode, await handshake.Content.ReadAsStringAsync(Ct)));
    }
}

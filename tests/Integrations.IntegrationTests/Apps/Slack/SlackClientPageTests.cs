using System.Net;
using System.Text.Json;
using Integrations.Apps.Clients;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Slack's page: the events URL to register, and the signing secret entered with the workspace's Slack client.</summary>
public sealed class SlackClientPageTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private const string Page = "/integrations/apps/slack";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SlacksPage_ShowsTheEventsUrlToRegister_OtherAppsDoNot()
    {
        var admin = await app.SignInAsync(Ct);

        var slack = await admin.GetStringAsync(Page, Ct);
        var gmail = await admin.GetStringAsync("/integrations/apps/gmail", Ct);

        Assert.Contains("<code id=\"events-url\">http://localhost/api/v1/apps/slack/events</code>", slack, StringComparison.Ordinal);
        Assert.Contains("name=\"SigningSecret\"", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("events-url", gmail, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningSecret", gmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSigningSecret_IsStoredEncrypted_ShownNever_KeptWhenLeftEmpty_AndDroppedWithAnotherClient()
    {
        var admin = await app.SignInAsync(Ct);
        const string secret = "e4b1c0ffee5ign1ngs3cr3t00000042";

        await SaveAsync(admin, new() { ["ClientId"] = "1111.2222", ["ClientSecret"] = "slack-client-secret", ["SigningSecret"] = secret });
        var saved = (await StoredAsync())!;
        var page = await admin.GetStringAsync(Page, Ct);
        await SaveAsync(admin, new() { ["ClientId"] = "1111.2222", ["ClientSecret"] = "", ["SigningSecret"] = "" });
        var kept = (await StoredAsync())!;
        var api = await app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key).GetStringAsync("/api/v1/apps/slack", Ct);
        await SaveAsync(admin, new() { ["ClientId"] = "3333.4444", ["ClientSecret"] = "other-client-secret", ["SigningSecret"] = "" });
        var dropped = (await StoredAsync())!;

        Assert.NotNull(saved.SigningSecretCiphertext);
        Assert.DoesNotContain(secret, saved.SigningSecretCiphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.Contains("(set — leave empty to keep it)", page[page.IndexOf("Signing secret", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(saved.SigningSecretCiphertext, kept.SigningSecretCiphertext);
        Assert.True(JsonDocument.Parse(api).RootElement.GetProperty("client").GetProperty("signing_secret_set").GetBoolean());
        Assert.DoesNotContain(secret, api, StringComparison.Ordinal);
        Assert.Null(dropped.SigningSecretCiphertext);
        Assert.Contains("no-signing-secret", await admin.GetStringAsync(Page, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedSigningSecret_IsRefusedNamingTheField_AndNothingIsSaved()
    {
        var admin = await app.SignInAsync(Ct);

        using var refused = await admin.PostFormAsync(Page, $"{Page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = "5555.6666", ["ClientSecret"] = "a-secret", ["SigningSecret"] = "has spaces in it" }, Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the signing secret the provider issued", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual("5555.6666", (await StoredAsync("slack"))?.ClientId);
    }

    [Fact]
    public async Task ASigningSecretForAnotherApp_IsRefused()
    {
        var admin = await app.SignInAsync(Ct);
        const string page = "/integrations/apps/gmail";

        using var refused = await admin.PostFormAsync(page, $"{page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = "gmail-client", ["ClientSecret"] = "a-secret", ["SigningSecret"] = "a-signing-secret" }, Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null(await StoredAsync("gmail"));
    }

    private async Task SaveAsync(HttpClient admin, Dictionary<string, string> fields)
    {
        using var saved = await admin.PostFormAsync(Page, $"{Page}?handler=Client", fields, Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task<AppClient?> StoredAsync(string appId = "slack")
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppClient>().IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(c => c.AppId == appId, Ct);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps;

/// <summary>An app with a platform-wide OAuth client from configuration, as a hosted deployment would have.</summary>
public sealed class PlatformClientApp : SentinelApp
{
    public const string SlackSecret = "platform-slack-secret-51";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Apps:slack:ClientId"] = "1234.5678",
        ["Sentinel:Apps:slack:ClientSecret"] = SlackSecret,
    };
}

public sealed class AppsApiTests(PlatformClientApp app) : IClassFixture<PlatformClientApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apps_ListTheCatalogue_WithWhatEachOffers_AndWhichClientItWouldUse_NeverItsSecret()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("apps:read");

        var text = await client.GetStringAsync("/api/v1/apps", Ct);

        var apps = JsonDocument.Parse(text).RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["gmail", "outlook", "google-calendar", "ga4", "slack", "whatsapp", "zoom", "calendly", "notion", "linkedin", "facebook-pages", "instagram"], apps.Keys);
        var gmail = apps["gmail"];
        Assert.Equal(("Gmail", "Email", "oauth2"), (gmail.GetProperty("name").GetString(), gmail.GetProperty("category").GetString(),
            gmail.GetProperty("auth_kind").GetString()));
        Assert.Contains("https://www.googleapis.com/auth/gmail.send", gmail.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var send = gmail.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "send_email");
        Assert.Contains(send.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "to" && f.GetProperty("required").GetBoolean());
        Assert.Equal("email_received", gmail.GetProperty("triggers")[0].GetProperty("id").GetString());
        Assert.Equal("none", gmail.GetProperty("client").GetProperty("source").GetString());
        var slack = apps["slack"].GetProperty("client");
        Assert.Equal(("configuration", "1234.5678", true), (slack.GetProperty("source").GetString(), slack.GetProperty("client_id").GetString(),
            slack.GetProperty("secret_set").GetBoolean()));
        Assert.DoesNotContain(PlatformClientApp.SlackSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_IsOneEntry_Or404NamingIt()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("apps:read");

        var slack = await client.GetFromJsonAsync<JsonElement>("/api/v1/apps/slack", Ct);
        using var missing = await client.GetAsync("/api/v1/apps/myspace", Ct);

        Assert.Equal("post_message", slack.GetProperty("actions")[0].GetProperty("id").GetString());
        Assert.Contains("myspace", (await missing.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_NeedAppsRead()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read");

        using var refused = await client.GetAsync("/api/v1/apps", Ct);

        Assert.Equal("apps:read", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
    }
}

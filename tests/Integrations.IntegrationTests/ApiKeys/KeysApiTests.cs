using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.ApiKeys.Authentication;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class KeysApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ReturnsWorkingSecretOnce_AndListShowsItMasked()
    {
        var admin = app.Client((await Keys.IssueAsync(app, ["admin"])).Key);

        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "Shopify sync", scopes = new[] { "crm:read" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("api_key").GetProperty("id").GetString()!;
        Assert.Matches("^sk_[0-9a-f]{64}$", secret);
        Assert.StartsWith("key_", id, StringComparison.Ordinal);
        var fetched = await admin.GetStringAsync($"/api/v1/keys/{id}", Ct);
        Assert.DoesNotContain(secret, fetched, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", fetched, StringComparison.Ordinal);
        Assert.Contains(secret[..11] + "••••••••", JsonSerializer.Deserialize<JsonElement>(fetched).GetProperty("masked_key").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(secret).GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("crm:write")]
    public async Task Create_Answers403NamingScope_WhenAskingForScopeTheKeyLacks(string scope)
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);

        var response = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "escalate", scopes = new[] { "crm:read", scope } }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(scope, problem.GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task Create_IssuesKey_WhenAskingOnlyForScopesTheKeyHolds()
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);

        var response = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "crm:read" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("", "crm:read", null, "name")]
    [InlineData("ok", "crm:everything", null, "scopes")]
    [InlineData("ok", null, null, "scopes")]
    [InlineData("ok", "crm:read", "2001-01-01T00:00:00Z", "expires_at")]
    public async Task Create_Answers400NamingField_WhenRequestIsInvalid(string name, string? scope, string? expiresAt, string field)
    {
        var admin = app.Client((await Keys.IssueAsync(app, ["admin"])).Key);
        var scopes = scope is null ? Array.Empty<string>() : [scope];

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name, scopes, expires_at = expiresAt }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task KeysOfAnotherWorkspace_Answer404AndAreNotListed()
    {
        var other = await Keys.IssueAsync(app, ["admin"], await Keys.NewWorkspaceAsync(app));
        var admin = app.Client((await Keys.IssueAsync(app, ["admin"])).Key);

        await (await admin.GetAsync($"/api/v1/keys/{other.ApiKey.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/api/v1/keys/{other.ApiKey.Id}/revoke", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/keys/{other.ApiKey.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(other.ApiKey.Id, await admin.GetStringAsync("/api/v1/keys?limit=200", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(other.Key).GetAsync($"/api/v1/keys/{other.ApiKey.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_PagesWithCursor_NewestFirst()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var first = await Keys.IssueAsync(app, ["keys:manage"], workspace);
        var second = await Keys.IssueAsync(app, ["keys:manage"], workspace);
        var client = app.Client(second.Key);

        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/v1/keys?limit=1", Ct);
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/api/v1/keys?limit=1&cursor={page1.GetProperty("next_cursor").GetString()}", Ct);

        Assert.Equal(second.ApiKey.Id, page1.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal(first.ApiKey.Id, page2.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.False(page2.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("cursor=con_0193", "cursor")]
    public async Task List_Answers400NamingParameter_WhenItIsInvalid(string query, string field)
    {
        var client = app.Client((await Keys.IssueAsync(app, ["keys:manage"])).Key);

        var problem = await (await client.GetAsync($"/api/v1/keys?{query}", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task Create_GivesTheNewKeyItsMintersExpiry_WhenNoneIsAsked()
    {
        var expires = DateTimeOffset.UtcNow.AddDays(10);
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"], expiresAt: expires)).Key);

        var response = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "reader", scopes = new[] { "crm:read" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var minted = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("api_key");
        Assert.Equal(expires.ToUnixTimeSeconds(), minted.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Create_Answers400NamingExpiresAt_WhenTheNewKeyWouldOutliveItsMinter_ButTakesAnEarlierExpiry()
    {
        var expires = DateTimeOffset.UtcNow.AddDays(10);
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"], expiresAt: expires)).Key);

        var later = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "outlives", scopes = new[] { "crm:read" }, expires_at = expires.AddDays(1) }, Ct);
        var never = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "forever", scopes = new[] { "crm:read" }, expires_at = (DateTimeOffset?)null }, Ct);
        var earlier = await manager.PostAsJsonAsync("/api/v1/keys", new { name = "sooner", scopes = new[] { "crm:read" }, expires_at = expires.AddDays(-1) }, Ct);

        Assert.Contains("cannot outlive", await later.AssertInvalidFieldAsync("expires_at"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, never.StatusCode);
        Assert.Equal(expires.ToUnixTimeSeconds(),
            (await never.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("api_key").GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
    }

    [Theory]
    [InlineData("revoke")]
    [InlineData("delete")]
    public async Task RevokeOrDelete_Answers403NamingTheScope_WhenTheTargetHoldsAScopeTheCallerLacks(string action)
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);
        var wider = await Keys.IssueAsync(app, ["crm:read", "crm:write"]);
        var narrower = await Keys.IssueAsync(app, ["crm:read"]);

        var refused = await StopAsync(manager, action, wider.ApiKey.Id);
        var allowed = await StopAsync(manager, action, narrower.ApiKey.Id);

        Assert.Equal("crm:write", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.True(allowed.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(wider.Key).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(narrower.Key).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
    }

    private static Task<HttpResponseMessage> StopAsync(HttpClient client, string action, string id) => action == "revoke"
        ? client.PostAsync($"/api/v1/keys/{id}/revoke", null, Ct)
        : client.DeleteAsync($"/api/v1/keys/{id}", Ct);

    [Fact]
    public async Task RevokeAndDelete_AreAudited_WithTheKeyAsActor()
    {
        var admin = await Keys.IssueAsync(app, ["admin"]);
        var target = await Keys.IssueAsync(app, ["crm:read"]);
        var client = app.Client(admin.Key);

        await client.PostAsync($"/api/v1/keys/{target.ApiKey.Id}/revoke", null, Ct);
        await client.DeleteAsync($"/api/v1/keys/{target.ApiKey.Id}", Ct);
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?object_id={target.ApiKey.Id}", Ct);

        var entries = audit.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["api_key.deleted", "api_key.revoked", "api_key.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(admin.ApiKey.Id, entries[0].GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task LastUsed_IsShownAtOnce_AndSavedByTheFlush()
    {
        var issued = await Keys.IssueAsync(app, ["keys:manage"]);
        var client = app.Client(issued.Key);

        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/keys/{issued.ApiKey.Id}", Ct);
        await app.Services.GetServices<IHostedService>().OfType<LastUseFlusher>().Single().FlushAsync(Ct);

        Assert.Equal(JsonValueKind.String, fetched.GetProperty("last_used_at").ValueKind);
        await using var scope = app.Scope();
        var keyId = Guid.Parse(issued.ApiKey.Id[4..]);
        var saved = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ApiKey>()
            .IgnoreQueryFilters().SingleAsync(k => k.Id == keyId, Ct);
        Assert.NotNull(saved.LastUsedAt);
        Assert.Null(scope.ServiceProvider.GetRequiredService<LastUseRecorder>().Pending(keyId));
    }

    [Fact]
    public async Task OpenApi_DescribesKeyEndpoints_WithoutSecretsInTheListShape()
    {
        var document = await app.Client(null).GetStringAsync("/swagger/v1/swagger.json", Ct);

        Assert.Contains("\"/api/v1/keys/{id}/revoke\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"hash\"", document, StringComparison.Ordinal);
    }
}

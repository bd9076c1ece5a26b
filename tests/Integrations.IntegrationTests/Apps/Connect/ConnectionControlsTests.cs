using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Syncs;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Connect;

/// <summary>A connection's settings, "Sync now" and the checks an action's input passes before any provider is called.</summary>
public sealed class ConnectionControlsTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_AreCheckedByType_AndASecretIsStoredEncrypted_ShownAsSet_AndKeptWhenLeftOut()
    {
        var (client, id) = await ConnectedAsync("ga4", app.Google);

        using var saved = await client.PatchAsJsonAsync($"/api/v1/connections/{id}",
            new { settings = new { property_id = "properties/123", measurement_id = "G-TEST", api_secret = "mp-secret-1" } }, Ct);
        using var renamed = await client.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { property_id = "properties/456" } }, Ct);
        var shown = await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (saved.StatusCode, renamed.StatusCode));
        var settings = shown.GetProperty("settings");
        Assert.Equal(("properties/456", "G-TEST", "set"), (settings.GetProperty("property_id").GetString(),
            settings.GetProperty("measurement_id").GetString(), settings.GetProperty("api_secret").GetString()));
        var row = await RowsAsync(app, shown.GetProperty("account").GetString()!);
        Assert.DoesNotContain("mp-secret-1", row, StringComparison.Ordinal);
        Assert.DoesNotContain("mp-secret-1", await AuditAsync(app), StringComparison.Ordinal);
        Assert.DoesNotContain("mp-secret-1", await client.GetStringAsync($"/api/v1/connections/{id}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_RefuseAValueOfTheWrongType_OrAnUnknownSetting_NamingIt_AndKeepWhatWasStored()
    {
        var (client, id) = await ConnectedAsync("gmail", app.Google);
        (await client.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { create_contacts = true, backfill_days = 7 } }, Ct)).Dispose();

        using var wrongType = await client.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { backfill_days = "a week", create_contacts = false } }, Ct);
        using var unknown = await client.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { folder = "INBOX" } }, Ct);
        using var none = await client.PatchAsJsonAsync($"/api/v1/connections/{id}", new { }, Ct);

        await wrongType.AssertInvalidFieldAsync("settings.backfill_days");
        await unknown.AssertInvalidFieldAsync("settings.folder");
        await none.AssertInvalidFieldAsync("settings");
        var settings = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}", Ct)).GetProperty("settings");
        Assert.Equal((true, 7), (settings.GetProperty("create_contacts").GetBoolean(), settings.GetProperty("backfill_days").GetInt32()));
    }

    [Fact]
    public async Task SyncNow_QueuesEachSyncOfTheApp_Once()
    {
        var (client, id) = await ConnectedAsync("outlook", app.Microsoft);

        using var first = await client.PostAsync($"/api/v1/connections/{id}/sync", null, Ct);
        using var second = await client.PostAsync($"/api/v1/connections/{id}/sync", null, Ct);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        var syncs = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("syncs").EnumerateArray()
            .Select(s => (s.GetProperty("id").GetString(), s.GetProperty("status").GetString())).ToList();
        Assert.Equal([("mail", SyncStatus.Queued), ("events", SyncStatus.Queued)], syncs);
        await using var scope = app.Scope();
        var rows = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters()
            .Where(s => s.Status == SyncStatus.Queued).CountAsync(Ct);
        Assert.True(rows >= 2);
    }

    [Fact]
    public async Task Action_RefusesInputThatDoesNotFitItsFields_NamingEachField_BeforeCallingTheProvider()
    {
        var (client, id) = await ConnectedAsync("outlook", app.Microsoft);
        var calls = app.Microsoft.Counters.ApiCalls;

        using var bad = await client.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_event",
            new { input = new { subject = "Call", start = "tomorrow", end = "2026-12-04T15:00:00", attendees = "bo@example.com, not an address", colour = "red" } }, Ct);
        using var unknown = await client.PostAsJsonAsync($"/api/v1/connections/{id}/actions/dance", new { input = new { } }, Ct);
        using var missing = await client.PostAsJsonAsync("/api/v1/connections/cxn_0193a0b0c0d0e0f00000000000000000/actions/send_email", new { input = new { } }, Ct);

        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.All(new[] { "input.start", "input.end", "input.attendees", "input.colour" }, field => Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field));
        Assert.False(problem.GetProperty("errors").TryGetProperty("input.subject", out _));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, missing.StatusCode));
        Assert.Contains("send_email, create_event", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(calls, app.Microsoft.Counters.ApiCalls);
    }

    [Fact]
    public async Task Controls_NeedAppsWrite()
    {
        var (_, id) = await ConnectedAsync("gmail", app.Google);
        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);

        using var patch = await reader.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { create_contacts = true } }, Ct);
        using var sync = await reader.PostAsync($"/api/v1/connections/{id}/sync", null, Ct);
        using var action = await reader.PostAsJsonAsync($"/api/v1/connections/{id}/actions/send_email", new { input = new { } }, Ct);

        Assert.All(new[] { patch, sync, action }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
    }

    private async Task<(HttpClient Client, string Id)> ConnectedAsync(string appId, Testing.Fakes.OAuth.FakeOAuthProvider fake)
    {
        var admin = await app.SignInAsync(Ct);
        var account = fake.Account = NewAccount();
        (await ConnectAsync(admin, appId, fake, true, Ct)).Dispose();
        var client = app.Client((await Keys.IssueAsync(app, ["apps:read", "apps:write"])).Key);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/connections?app={appId}&limit=200", Ct);
        var id = list.GetProperty("data").EnumerateArray().Single(c => c.GetProperty("account").GetString() == account.Email).GetProperty("id").GetString()!;
        return (client, id);
    }
}

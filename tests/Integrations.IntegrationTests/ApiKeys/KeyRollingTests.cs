using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class KeyRollingTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Roll_GivesANewSecret_AndTheOldOneWorksUntilTheGracePeriodEnds()
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);
        var target = await Keys.IssueAsync(app, ["crm:read"]);
        var old = app.Client(target.Key);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/records/contact", Ct)).StatusCode);

        var rolled = await RollAsync(manager, target.ApiKey.Id, "24h");

        var secret = rolled.GetProperty("key").GetString()!;
        Assert.NotEqual(target.Key, secret);
        Assert.Equal(target.ApiKey.Id, rolled.GetProperty("api_key").GetProperty("id").GetString());
        Assert.Equal(app.Clock.GetUtcNow().AddHours(24).ToUnixTimeSeconds(),
            rolled.GetProperty("api_key").GetProperty("previous_secret_expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, (await app.Client(secret).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/records/contact", Ct)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromSeconds(1)));

        await (await old.GetAsync("/api/v1/records/contact", Ct)).AssertKeyRefusedAsync("expired_api_key");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(secret).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        var shown = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/keys/{target.ApiKey.Id}", Ct);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("previous_secret_expires_at").ValueKind);
    }

    [Fact]
    public async Task Roll_WithoutGrace_StopsTheOldSecretAtOnce_EvenWhileItIsCached()
    {
        var target = await Keys.IssueAsync(app, ["keys:manage"]);
        var self = app.Client(target.Key);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var rolled = await RollAsync(self, target.ApiKey.Id, grace: null);

        await (await self.GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("unknown_api_key");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(rolled.GetProperty("key").GetString()).GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task Roll_Answers400NamingGracePeriod_409ForARevokedKey_And403ForAWiderKey()
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);
        var revoked = await Keys.IssueAsync(app, ["crm:read"]);
        await manager.PostAsync($"/api/v1/keys/{revoked.ApiKey.Id}/revoke", null, Ct);
        var wider = await Keys.IssueAsync(app, ["crm:read", "crm:write"]);

        var badGrace = await manager.PostAsJsonAsync($"/api/v1/keys/{revoked.ApiKey.Id}/roll", new { grace_period = "2 weeks" }, Ct);
        var ofRevoked = await manager.PostAsJsonAsync($"/api/v1/keys/{revoked.ApiKey.Id}/roll", new { grace_period = "1h" }, Ct);
        var ofWider = await manager.PostAsJsonAsync($"/api/v1/keys/{wider.ApiKey.Id}/roll", new { grace_period = "1h" }, Ct);

        await badGrace.AssertInvalidFieldAsync("grace_period");
        Assert.Contains("revoked", (await ofRevoked.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("crm:write", (await ofWider.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Client(wider.Key).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
    }

    [Fact]
    public async Task Roll_IsRefused_ToAnOldSecret_AndToAKeyThatExpiresBeforeTheKeyItWouldRoll()
    {
        var admin = app.Client((await Keys.IssueAsync(app, ["admin"])).Key);
        var target = await Keys.IssueAsync(app, ["keys:manage", "crm:read"]);
        var rolled = await RollAsync(admin, target.ApiKey.Id, "24h");
        var shortLived = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"], expiresAt: app.Clock.GetUtcNow().AddDays(1))).Key);
        var forever = await Keys.IssueAsync(app, ["crm:read"]);
        var sooner = await Keys.IssueAsync(app, ["crm:read"], expiresAt: app.Clock.GetUtcNow().AddHours(1));

        var byOldSecret = await app.Client(target.Key).PostAsJsonAsync($"/api/v1/keys/{target.ApiKey.Id}/roll", new { grace_period = "none" }, Ct);
        var ofLongerLived = await shortLived.PostAsJsonAsync($"/api/v1/keys/{forever.ApiKey.Id}/roll", new { grace_period = "none" }, Ct);
        var ofShorterLived = await shortLived.PostAsJsonAsync($"/api/v1/keys/{sooner.ApiKey.Id}/roll", new { grace_period = "none" }, Ct);

        await byOldSecret.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(rolled.GetProperty("key").GetString()).GetAsync("/api/v1/keys", Ct)).StatusCode);
        await ofLongerLived.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(forever.Key).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, ofShorterLived.StatusCode);
    }

    [Fact]
    public async Task RevokeDuringTheGracePeriod_StopsBothSecrets_AndRollingAgainStopsTheOlderAtOnce()
    {
        var admin = app.Client((await Keys.IssueAsync(app, ["admin"])).Key);
        var target = await Keys.IssueAsync(app, ["crm:read"]);
        var second = (await RollAsync(admin, target.ApiKey.Id, "24h")).GetProperty("key").GetString()!;
        var third = (await RollAsync(admin, target.ApiKey.Id, "24h")).GetProperty("key").GetString()!;

        await (await app.Client(target.Key).GetAsync("/api/v1/records/contact", Ct)).AssertKeyRefusedAsync("unknown_api_key");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(second).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(third).GetAsync("/api/v1/records/contact", Ct)).StatusCode);

        (await admin.PostAsync($"/api/v1/keys/{target.ApiKey.Id}/revoke", null, Ct)).EnsureSuccessStatusCode();

        await (await app.Client(second).GetAsync("/api/v1/records/contact", Ct)).AssertKeyRefusedAsync("revoked_api_key");
        await (await app.Client(third).GetAsync("/api/v1/records/contact", Ct)).AssertKeyRefusedAsync("revoked_api_key");
    }

    [Fact]
    public async Task RollsAtOnce_EachSecretHandedOutWorks_OrTheRollIsRefused()
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);
        var target = await Keys.IssueAsync(app, ["crm:read"]);
        var refused = 0;
        for (var round = 0; round < 20; round++)
        {
            // With a grace period, a roll that saw the secret the other one made keeps it working; a roll that did not
            // (both read the same key) would stop it, had it been let through.
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                manager.PostAsJsonAsync($"/api/v1/keys/{target.ApiKey.Id}/roll", new { grace_period = "24h" }, Ct)));

            foreach (var answer in answers.Where(a => !a.IsSuccessStatusCode))
            {
                refused++;
                Assert.Contains("at the same moment", (await answer.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(),
                    StringComparison.Ordinal);
            }

            foreach (var answer in answers.Where(a => a.IsSuccessStatusCode))
            {
                var secret = (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString();
                Assert.Equal(HttpStatusCode.OK, (await app.Client(secret).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
            }
        }

        TestContext.Current.SendDiagnosticMessage($"{refused} of 20 rounds had a roll refused.");
    }

    [Fact]
    public async Task RevokeDuringARoll_AlwaysWins()
    {
        var manager = app.Client((await Keys.IssueAsync(app, ["keys:manage", "crm:read"])).Key);
        for (var round = 0; round < 15; round++)
        {
            var target = await Keys.IssueAsync(app, ["crm:read"]);
            var roll = manager.PostAsJsonAsync($"/api/v1/keys/{target.ApiKey.Id}/roll", new { grace_period = "24h" }, Ct);
            var revoke = manager.PostAsync($"/api/v1/keys/{target.ApiKey.Id}/revoke", null, Ct);
            await Task.WhenAll(roll, revoke);

            Assert.True((await revoke).IsSuccessStatusCode, $"Round {round}: revoke answered {(int)(await revoke).StatusCode}.");
            var shown = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/keys/{target.ApiKey.Id}", Ct);
            Assert.NotEqual(JsonValueKind.Null, shown.GetProperty("revoked_at").ValueKind);
            if ((await roll).IsSuccessStatusCode)
            {
                var secret = (await (await roll).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString();
                Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(secret).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
            }
        }
    }

    private static async Task<JsonElement> RollAsync(HttpClient client, string id, string? grace)
    {
        using var response = grace is null
            ? await client.PostAsync($"/api/v1/keys/{id}/roll", null, Ct)
            : await client.PostAsJsonAsync($"/api/v1/keys/{id}/roll", new { grace_period = grace }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}

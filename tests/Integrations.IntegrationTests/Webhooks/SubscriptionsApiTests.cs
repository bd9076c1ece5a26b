using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Audit;
using Integrations.Testing;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

public sealed class SubscriptionsApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribe_ReturnsGeneratedSecretOnce_AndStoresItEncrypted()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write", "audit:read", "crm:read");

        var created = await client.SubscribeAsync(["invoice.paid", "deal.stage_changed"]);

        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("webhook_id").GetString()!;
        Assert.Matches("^whsec_[A-Za-z0-9+/]{64}$", secret);
        Assert.StartsWith("whk_", id, StringComparison.Ordinal);
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(Subscribers.PublicUrl, created.GetProperty("url").GetString());
        Assert.Equal(["invoice.paid", "deal.stage_changed"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var fetched = await client.GetStringAsync($"/api/v1/webhooks/{id}", Ct);
        var listed = await client.GetStringAsync("/api/v1/webhooks", Ct);
        var audit = await client.GetStringAsync($"/api/v1/audit?object_id={id}", Ct);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.All(new[] { fetched, listed, audit }, text => Assert.DoesNotContain(secret[6..], text, StringComparison.Ordinal));
        Assert.DoesNotContain("\"secret\"", fetched, StringComparison.Ordinal);
        Assert.Contains("webhook.created", audit, StringComparison.Ordinal);
        var storedId = Subscribers.IdOf(created);
        var stored = await app.QueryAsync(db => db.All<WebhookSubscription>().SingleAsync(s => s.Id == storedId, Ct));
        Assert.DoesNotContain(secret[6..], stored.SecretCiphertext, StringComparison.Ordinal);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sentinel.Webhooks.Secrets");
        Assert.Equal(secret, protector.Unprotect(stored.SecretCiphertext));
    }

    [Theory]
    [InlineData("contact.created", "", "crm:read")]
    [InlineData("deal.stage_changed", "commerce:read", "crm:read")]
    [InlineData("product.updated", "crm:read", "commerce:read")]
    [InlineData("record.created", "crm:read", "commerce:read")]
    [InlineData("record.deleted", "commerce:read", "crm:read")]
    public async Task Subscribe_Answers403NamingTheReadScope_AndStoresNothing_WhenTheKeyMayNotReadWhatTheEventsCarry(
        string eventType, string held, string missing)
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, ["webhooks:read", "webhooks:write", .. held.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url = Subscribers.PublicUrl, events = new[] { "invoice.paid", eventType } }, Ct);

        Assert.Equal(missing, (await response.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Ct)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Update_Answers403NamingCrmRead_WhenAKeyThatCannotReadContactsRedirectsOrWidensAContactWebhook()
    {
        var (workspace, owner) = await app.ClientInNewWorkspaceAsync("webhooks:read", "webhooks:write", "crm:read");
        var id = (await owner.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();
        var contacts = (await owner.SubscribeAsync(["contact.created"])).GetProperty("webhook_id").GetString();
        var webhooksOnly = app.Client((await Keys.IssueAsync(app, ["webhooks:write"], workspace)).Key);

        var redirect = await webhooksOnly.PatchAsJsonAsync($"/api/v1/webhooks/{contacts}", new { url = "https://93.184.215.15/mine" }, Ct);
        var widen = await webhooksOnly.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { events = new[] { "invoice.paid", "contact.updated" } }, Ct);
        var rename = await webhooksOnly.PatchAsJsonAsync($"/api/v1/webhooks/{contacts}", new { name = "Contacts" }, Ct);

        Assert.Equal("crm:read", (await redirect.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("crm:read", (await widen.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var stored = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{contacts}", Ct);
        Assert.Equal((Subscribers.PublicUrl, "Contacts"), (stored.GetProperty("url").GetString(), stored.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Replay_Answers403NamingCrmRead_WhenTheReplayedDeliveriesCarryContacts()
    {
        var (workspace, owner) = await app.ClientInNewWorkspaceAsync("webhooks:write", "crm:read", "crm:write");
        var id = (await owner.SubscribeAsync(["contact.created"])).GetProperty("webhook_id").GetString();
        (await owner.PostAsJsonAsync("/api/v1/records/contact", new { email = "ada@example.com" }, Ct)).EnsureSuccessStatusCode();
        var webhooksOnly = app.Client((await Keys.IssueAsync(app, ["webhooks:write"], workspace)).Key);
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

        var refused = await webhooksOnly.PostAsync($"/api/v1/webhooks/{id}/replay?since={since}", null, Ct);
        var replayed = await owner.PostAsync($"/api/v1/webhooks/{id}/replay?since={since}", null, Ct);

        Assert.Equal("crm:read", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Subscribe_KeepsCallerSuppliedSecret_WithoutEchoingIt()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        const string secret = "my-own-secret-of-some-length";

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new
        {
            url = Subscribers.PublicUrl, events = new[] { "ticket.assigned" }, secret, name = "Support desk", retry_policy = "five_exponential",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(created.TryGetProperty("secret", out _));
        Assert.Equal("Support desk", created.GetProperty("name").GetString());
        Assert.Equal("five_exponential", created.GetProperty("retry_policy").GetString());
        var storedId = Subscribers.IdOf(created);
        var stored = await app.QueryAsync(db => db.All<WebhookSubscription>().SingleAsync(s => s.Id == storedId, Ct));
        await using var scope = app.Scope();
        Assert.Equal([secret], scope.ServiceProvider.GetRequiredService<WebhookSecrets>().SigningSecrets(stored, DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("""{"url":"https://93.184.215.14/","events":["invoice.exploded"]}""", "events")]
    [InlineData("""{"url":"https://93.184.215.14/","events":[]}""", "events")]
    [InlineData("""{"url":"https://93.184.215.14/"}""", "events")]
    [InlineData("""{"events":["invoice.paid"]}""", "url")]
    [InlineData("""{"url":"not a url","events":["invoice.paid"]}""", "url")]
    [InlineData("""{"url":"https://93.184.215.14/","events":["invoice.paid"],"retry_policy":"forever"}""", "retry_policy")]
    [InlineData("""{"url":"https://93.184.215.14/","events":["invoice.paid"],"secret":"short"}""", "secret")]
    public async Task Subscribe_Answers400NamingField_WhenRequestIsInvalid(string body, string field)
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");

        var response = await client.PostAsync("/api/v1/webhooks/subscribe", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.AssertInvalidFieldAsync(field);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://10.0.0.1/")]
    [InlineData("https://172.16.0.1/")]
    [InlineData("https://192.168.1.1/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[fc00::1]/")]
    [InlineData("https://[::ffff:10.0.0.1]/")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://93.184.215.14/hook")]
    [InlineData("ftp://93.184.215.14/hook")]
    public async Task Subscribe_Answers400NamingUrlWithReason_WhenAddressIsNotAllowed(string url)
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "webhooks:read");

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url, events = new[] { "invoice.paid" } }, Ct);

        var reason = await response.AssertInvalidFieldAsync("url");
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Matches("private or reserved|https://", reason);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Ct)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Update_Answers400NamingUrl_WhenNewUrlIsPrivate_AndChangesOtherwise()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "webhooks:read");
        var id = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();

        var refused = await client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "https://10.1.2.3/hook" }, Ct);
        var changed = await client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "Renamed", events = new[] { "report.generated" }, status = "disabled" }, Ct);

        await refused.AssertInvalidFieldAsync("url");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct);
        Assert.Equal(Subscribers.PublicUrl, fetched.GetProperty("url").GetString());
        Assert.Equal("Renamed", fetched.GetProperty("name").GetString());
        Assert.Equal(["report.generated"], fetched.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("disabled", fetched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_RemovesWebhook_AndAuditsIt()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "webhooks:read", "audit:read");
        var id = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();

        var deleted = await client.DeleteAsync($"/api/v1/webhooks/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await client.GetAsync($"/api/v1/webhooks/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?object_id={id}", Ct);
        Assert.Equal(["webhook.deleted", "webhook.created"],
            audit.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task ReadScope_CanListButNotWrite_Answering403()
    {
        var reader = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read");

        var response = await reader.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url = Subscribers.PublicUrl, events = new[] { "invoice.paid" } }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("webhooks:write", problem.GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/webhooks", Ct)).StatusCode);
        var nothing = await Subscribers.NewWorkspaceClientAsync(app, "crm:read");
        await (await nothing.GetAsync("/api/v1/webhooks", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WebhooksOfAnotherWorkspace_Answer404AndAreNotListed()
    {
        var owner = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");
        var stranger = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");
        var id = (await owner.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();

        await (await stranger.GetAsync($"/api/v1/webhooks/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "mine" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/webhooks/{id}/resume", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync("/api/v1/webhooks/test", new { webhook_id = id, @event = "invoice.paid" }, Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id!, await stranger.GetStringAsync("/api/v1/webhooks", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_PagesWithCursor_NewestFirst()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");
        var first = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();
        var second = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();

        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks?limit=1", Ct);
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks?limit=1&cursor={page1.GetProperty("next_cursor").GetString()}", Ct);

        Assert.Equal(second, page1.GetProperty("data")[0].GetProperty("webhook_id").GetString());
        Assert.Equal(first, page2.GetProperty("data")[0].GetProperty("webhook_id").GetString());
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        await (await client.GetAsync("/api/v1/webhooks?cursor=key_1", Ct)).AssertInvalidFieldAsync("cursor");
    }

    [Fact]
    public async Task AuditOfWebhook_NeverContainsTheSecret()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var created = await client.SubscribeAsync(["invoice.paid"]);
        var id = created.GetProperty("webhook_id").GetString();
        var rotated = await (await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var changes = await app.QueryAsync(db => db.All<AuditEntry>().Where(a => a.ObjectId == id).Select(a => a.Changes).ToListAsync(Ct));

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.DoesNotContain(created.GetProperty("secret").GetString()![6..], c!, StringComparison.Ordinal));
        Assert.All(changes, c => Assert.DoesNotContain(rotated.GetProperty("secret").GetString()![6..], c!, StringComparison.Ordinal));
    }
}

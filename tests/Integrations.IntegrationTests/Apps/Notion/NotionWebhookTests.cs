using System.Net;
using Integrations.Testing.Fakes.Notion;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary>Notion's webhook: the verification token kept and shown on the app page, then page events verified with it
/// (<c>X-Notion-Signature</c>), routed by <c>workspace_id</c>, the page read again and upserted, <c>notion.page_changed</c>
/// emitted. One fixture: the workspace has one verification token, as it has one Notion client.</summary>
public sealed class NotionWebhookTests(NotionApp app) : IClassFixture<NotionApp>
{
    private const string Token = "secret_notionVerificationToken7f3a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> VerifiedPathAsync()
    {
        var path = await app.WebhookPathAsync(Ct);
        using var verified = await app.DeliverAsync(path, FakeNotion.Verification(Token));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return path;
    }

    [Fact]
    public async Task Verification_KeepsTheToken_AndTheAppPageShowsItToPasteBack()
    {
        var path = await app.WebhookPathAsync(Ct);
        var admin = await app.SaveClientAsync(Ct);

        using var verified = await app.DeliverAsync(path, FakeNotion.Verification(Token));

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.StartsWith("/api/v1/apps/notion/webhook?workspace=ws_", path, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"verification-token\">{Token}</code>", await admin.GetStringAsync("/integrations/apps/notion", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_IsRefused_WithoutTheWorkspaceInTheUrl()
    {
        using var refused = await app.DeliverAsync("/api/v1/apps/notion/webhook", FakeNotion.Verification("secret_stray"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task PageEvent_ReadsThePageAgain_UpsertsItsRecord_AndEmitsPageChanged()
    {
        var path = await VerifiedPathAsync();
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var email = $"hook.{key:N}@example.com";
        var page = app.Notion.Put(database, new() { ["Name"] = "Eva", ["Email"] = email, ["Role"] = "Buyer" }, app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);

        using var created = await app.DeliverAsync(path, FakeNotion.Event(FakeNotion.WorkspaceId(account), "page.created", page.Id, Token, app.Clock.GetUtcNow(), database.Id));
        page.Properties["Role"] = "Champion";
        using var updated = await app.DeliverAsync(path, FakeNotion.Event(FakeNotion.WorkspaceId(account), "page.properties_updated", page.Id, Token, app.Clock.GetUtcNow(), database.Id));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var contact = Assert.Single(await app.ContactsAsync(email));
        Assert.Equal("Champion", contact.GetProperty("job_title").GetString());
        var events = await app.PageEventsAsync(id);
        Assert.Equal(["page.created", "page.properties_updated"], events.Select(e => e.GetProperty("notion_event").GetString()));
        Assert.Equal(["created", "updated"], events.Select(e => e.GetProperty("record_change").GetString()));
        Assert.All(events, e => Assert.Equal(contact.GetProperty("id").GetString(), e.GetProperty("record_id").GetString()));
        Assert.All(events, e => Assert.Equal(page.Id, e.GetProperty("page_id").GetString()));
    }

    [Fact]
    public async Task PageEvent_IsRefused_WhenSignedWithAnotherToken()
    {
        var path = await VerifiedPathAsync();
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var page = app.Notion.Put(database, new() { ["Name"] = "Eva", ["Email"] = "eva@example.com" }, app.Clock.GetUtcNow());

        using var refused = await app.DeliverAsync(path, FakeNotion.Event(FakeNotion.WorkspaceId(account), "page.created", page.Id, "secret_wrong", app.Clock.GetUtcNow()));
        using var unsigned = await app.DeliverAsync(path, FakeNotion.Event(FakeNotion.WorkspaceId(account), "page.created", page.Id, Token, app.Clock.GetUtcNow()) with { Signature = null });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(await app.PageEventsAsync(id));
    }

    [Fact]
    public async Task PageEvent_OfANotionWorkspaceNobodyConnected_IsAcknowledged_AndChangesNothing()
    {
        var path = await VerifiedPathAsync();
        var stranger = Guid.NewGuid().ToString("D");
        var calls = app.Provider.Counters.ApiCalls;

        using var acknowledged = await app.DeliverAsync(path, FakeNotion.Event(stranger, "page.created", Guid.NewGuid().ToString("D"), Token, app.Clock.GetUtcNow()));
        using var unverifiable = await app.DeliverAsync("/api/v1/apps/notion/webhook",
            FakeNotion.Event(stranger, "page.created", Guid.NewGuid().ToString("D"), Token, app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unverifiable.StatusCode);
        Assert.Equal(calls, app.Provider.Counters.ApiCalls);
    }
}

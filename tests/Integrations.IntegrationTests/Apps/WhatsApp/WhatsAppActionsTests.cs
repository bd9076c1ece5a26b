using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Testing.Fakes.WhatsApp;

namespace Integrations.IntegrationTests.Apps.WhatsApp;

/// <summary><c>send_template</c> and <c>send_text</c> over <c>POST /api/v1/connections/{id}/actions/…</c> against the fake
/// Cloud API, and the status webhooks that then update what they recorded.</summary>
public sealed class WhatsAppActionsTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendTemplate_ToAContact_FillsItsFields_AndRecordsAnOutboundMessageOnIt()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        app.WhatsApp.ApproveTemplate("order_update", "en_US", 2);
        var contact = await ContactAsync(line, "Ana", "+1 650 555 2000");

        var response = await line.RunAsync("send_template", new
        {
            contact_id = (string?)contact["id"], template = "order_update", language = "en_US", parameters = new[] { "{{first_name}}", "#1042" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["result"]!;
        var sent = Assert.Single(app.WhatsApp.Sent, s => s.PhoneNumberId == line.Number.Id);
        Assert.Equal(("+16505552000", "template", "order_update", "en_US"),
            (sent.To, (string?)sent.Body["type"], (string?)sent.Body["template"]!["name"], (string?)sent.Body["template"]!["language"]!["code"]));
        Assert.Equal(["Ana", "#1042"], sent.Body["template"]!["components"]![0]!["parameters"]!.AsArray().Select(p => (string?)p!["text"]));
        Assert.Equal((sent.Id, "+16505552000"), ((string?)result["message_id"], (string?)result["to"]));
        var activity = Assert.Single(await line.ActivitiesAsync());
        Assert.Equal(((string?)result["activity_id"], sent.Id, "outbound", (string?)contact["id"], "Template order_update (en_US)"),
            ((string?)activity["id"], (string?)activity["external_id"], (string?)activity["direction"], (string?)activity["contact_id"], (string?)activity["subject"]));
    }

    [Fact]
    public async Task SendTemplate_WhatsAppDoesNotKnow_Is502WithMetasWords()
    {
        var line = await WhatsAppLine.ConnectAsync(app);

        var response = await line.RunAsync("send_template", new { to = "+16505552001", template = "no_such_template", language = "en_US" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("132001", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"], StringComparison.Ordinal);
        Assert.Empty(await line.ActivitiesAsync());
    }

    [Theory]
    [InlineData("""{"template":"t","language":"en_US"}""", "input.to")]
    [InlineData("""{"to":"6505552001","template":"t","language":"en_US"}""", "input.to")]
    [InlineData("""{"contact_id":"con_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f","template":"t","language":"en_US"}""", "input.contact_id")]
    [InlineData("""{"to":"+16505552001","template":"t","language":"en_US","parameters":{"a":1}}""", "input.parameters")]
    [InlineData("""{"to":"+16505552001","template":"t","language":"en_US","parameters":["{{first_name}}"]}""", "input.parameters")]
    [InlineData("""{"to":"+16505552001","language":"en_US"}""", "input.template")]
    public async Task SendTemplate_Is400NamingTheField_AndSendsNothing_WhenTheInputDoesNotFit(string input, string field)
    {
        var line = await WhatsAppLine.ConnectAsync(app);

        var response = await line.Api.PostAsync($"/api/v1/connections/{line.Id}/actions/send_template",
            JsonContent.Create(new JsonObject { ["input"] = JsonNode.Parse(input) }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]![field]);
        Assert.DoesNotContain(app.WhatsApp.Sent, s => s.PhoneNumberId == line.Number.Id);
    }

    [Fact]
    public async Task SendText_WithinTheWindow_IsSent_AndThreadedWithTheCustomersMessage()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        await line.DeliverAsync(app.WhatsApp.CustomerWrites(line.Number, "16505552002", "Bo", "Is it in stock?"));
        app.Clock.Advance(TimeSpan.FromHours(23));

        var response = await line.RunAsync("send_text", new { to = "+1 650 555 2002", text = "Yes, in blue and red." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(app.WhatsApp.Sent, s => s.PhoneNumberId == line.Number.Id);
        Assert.Equal(("text", "Yes, in blue and red."), ((string?)sent.Body["type"], (string?)sent.Body["text"]!["body"]));
        var outbound = Assert.Single(await line.ActivitiesAsync(), a => (string?)a["direction"] == "outbound");
        Assert.Equal((sent.Id, "16505552002", "Yes, in blue and red."), ((string?)outbound["external_id"], (string?)outbound["thread_id"], (string?)outbound["body"]));
    }

    [Fact]
    public async Task SendText_OutsideTheWindow_Is400SayingATemplateIsNeeded_AndSendsNothing()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var never = await line.RunAsync("send_text", new { to = "+16505552003", text = "Hello" });
        await line.DeliverAsync(app.WhatsApp.CustomerWrites(line.Number, "16505552003", "Cy", "Thanks!"));
        app.Clock.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromMinutes(1)));

        var expired = await line.RunAsync("send_text", new { to = "+16505552003", text = "Anything else?" });

        foreach (var response in new[] { never, expired })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["input.to"]![0];
            Assert.Contains("24 hours", error, StringComparison.Ordinal);
            Assert.Contains("send_template", error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(app.WhatsApp.Sent, s => s.PhoneNumberId == line.Number.Id);
    }

    [Fact]
    public async Task SendText_ThatWhatsAppRefusesWith131047_IsTheSame400()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        await line.DeliverAsync(app.WhatsApp.CustomerWrites(line.Number, "16505552004", "Dee", "Hi"));
        // Meta counts the window from what it saw: here, a day earlier than the webhook said.
        app.WhatsApp.CustomerWroteAt(line.Number, "16505552004", app.Clock.GetUtcNow().AddDays(-2));

        var response = await line.RunAsync("send_text", new { to = "+16505552004", text = "Hello again" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("send_template", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["input.to"]![0], StringComparison.Ordinal);
        Assert.Contains($"POST /{FakeWhatsApp.Version}/{line.Number.Id}/messages", app.WhatsApp.Requests);
        Assert.DoesNotContain(await line.ActivitiesAsync(), a => (string?)a["direction"] == "outbound");
    }

    [Fact]
    public async Task Send_WithARevokedToken_Is409_AndTheConnectionNeedsNewCredentials_WithoutARefresh()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        app.WhatsApp.ApproveTemplate("hello_world", "en_US", 0);
        app.WhatsApp.RevokeToken(line.Number);
        var before = app.WhatsApp.Requests.Count(r => r.Contains(line.Number.Id, StringComparison.Ordinal));

        var response = await line.RunAsync("send_template", new { to = "+16505552005", template = "hello_world", language = "en_US" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"];
        Assert.Contains("refused the access token", detail, StringComparison.Ordinal);
        Assert.Equal(before + 1, app.WhatsApp.Requests.Count(r => r.Contains(line.Number.Id, StringComparison.Ordinal)));
        var connection = (await line.Api.GetFromJsonAsync<JsonObject>($"/api/v1/connections/{line.Id}", Ct))!;
        Assert.Equal((ConnectionStatus.NeedsReauth, detail), ((string?)connection["status"], (string?)connection["last_error"]));
    }

    [Fact]
    public async Task Credentials_EnteredAgainAfterARefusedToken_MakeTheConnectionActive_AndItSendsWithTheNewToken()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        app.WhatsApp.ApproveTemplate("hello_world", "en_US", 0);
        app.WhatsApp.RevokeToken(line.Number);
        var input = new { to = "+16505552008", template = "hello_world", language = "en_US" };
        Assert.Equal(HttpStatusCode.Conflict, (await line.RunAsync("send_template", input)).StatusCode);
        var renewed = app.WhatsApp.NewToken(line.Number);

        var again = await line.Api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", WhatsAppLine.Credentials(renewed), Ct);
        var sent = await line.RunAsync("send_template", input);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var connection = (await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal((line.Id, ConnectionStatus.Active, (string?)null), ((string?)connection["id"], (string?)connection["status"], (string?)connection["last_error"]));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Single(app.WhatsApp.Sent, s => s.PhoneNumberId == line.Number.Id);
    }

    [Fact]
    public async Task Statuses_UpdateTheOutboundActivity_OnlyForward_AndAnnounceEachChangeOnce()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        app.WhatsApp.ApproveTemplate("hello_world", "en_US", 0);
        var result = (await (await line.RunAsync("send_template", new { to = "+16505552006", template = "hello_world", language = "en_US" }))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!["result"]!;
        var (wamid, at) = ((string)result["message_id"]!, app.Clock.GetUtcNow());

        await line.DeliverAsync(FakeWhatsAppWebhooks.Statuses(line.Number, (wamid, "sent", "16505552006", at, null), (wamid, "delivered", "16505552006", at.AddSeconds(2), null)));
        await line.DeliverAsync(FakeWhatsAppWebhooks.Statuses(line.Number, (wamid, "delivered", "16505552006", at.AddSeconds(2), null)));
        await line.DeliverAsync(FakeWhatsAppWebhooks.Statuses(line.Number, (wamid, "read", "16505552006", at.AddSeconds(60), null)));
        await line.DeliverAsync(FakeWhatsAppWebhooks.Statuses(line.Number, (wamid, "delivered", "16505552006", at.AddSeconds(2), null)));

        var activity = Assert.Single(await line.ActivitiesAsync());
        Assert.Equal("read", (string?)activity["custom_fields"]!["whatsapp_status"]);
        var changes = await line.EventsAsync("whatsapp.message_status_changed");
        Assert.Equal(["sent", "delivered", "read"], changes.Select(e => (string?)e["status"]));
        Assert.All(changes, e => Assert.Equal(((string?)activity["id"], wamid, "+16505552006"),
            ((string?)e["activity_id"], (string?)e["message_id"], (string?)e["recipient"])));
    }

    [Fact]
    public async Task FailedStatus_KeepsMetasErrorOnTheActivity_AndUnknownMessagesAreLeftAlone()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        await line.DeliverAsync(app.WhatsApp.CustomerWrites(line.Number, "16505552007", "Eve", "Hi"));
        var wamid = (string)(await (await line.RunAsync("send_text", new { to = "+16505552007", text = "Hello" }))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!["result"]!["message_id"]!;

        await line.DeliverAsync(FakeWhatsAppWebhooks.Statuses(line.Number,
            (wamid, "failed", "16505552007", app.Clock.GetUtcNow(), 131026), ("wamid.sent-elsewhere", "delivered", "16505552007", app.Clock.GetUtcNow(), null)));

        var outbound = Assert.Single(await line.ActivitiesAsync(), a => (string?)a["direction"] == "outbound");
        Assert.Equal(("failed", "131026: Message undeliverable"),
            ((string?)outbound["custom_fields"]!["whatsapp_status"], (string?)outbound["custom_fields"]!["whatsapp_error"]));
        var failed = Assert.Single(await line.EventsAsync("whatsapp.message_status_changed"));
        Assert.Equal(("failed", "131026: Message undeliverable"), ((string?)failed["status"], (string?)failed["error"]));
    }

    private static async Task<JsonObject> ContactAsync(WhatsAppLine line, string firstName, string phone)
    {
        var response = await line.Api.PostAsJsonAsync("/api/v1/records/contact", new { first_name = firstName, phone }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}

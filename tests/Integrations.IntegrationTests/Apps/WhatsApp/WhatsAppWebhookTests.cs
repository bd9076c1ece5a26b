using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.WhatsApp;

namespace Integrations.IntegrationTests.Apps.WhatsApp;

/// <summary>Meta's side of <c>/api/v1/apps/whatsapp/webhook</c>: the subscription handshake, signed deliveries routed by
/// phone number id, inbound messages as activities on contacts matched by phone, and re-deliveries.</summary>
public sealed class WhatsAppWebhookTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handshake_EchoesTheChallenge_WithAConnectionsVerifyToken_And403WithAnother()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        using var meta = app.CreateClient();

        var right = await meta.GetAsync($"{WhatsAppLine.WebhookPath}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={line.VerifyToken}", Ct);
        var wrong = await meta.GetAsync($"{WhatsAppLine.WebhookPath}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", Ct);
        var none = await meta.GetAsync($"{WhatsAppLine.WebhookPath}?hub.mode=subscribe&hub.challenge=1158201444", Ct);
        var noMode = await meta.GetAsync($"{WhatsAppLine.WebhookPath}?hub.challenge=1158201444&hub.verify_token={line.VerifyToken}", Ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("1158201444", await right.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/plain", right.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMode.StatusCode);
    }

    [Fact]
    public async Task Message_FromAKnownPhone_IsAnInboundActivityOnThatContact_AndAMessageReceivedEvent()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var contact = await CreateContactAsync(line, "Sheena", "+1 (650) 555-1234");

        var answer = await line.DeliverAsync(app.WhatsApp.CustomerWrites(line.Number, "16505551234", "Sheena Nelson", "Does it come in another color?"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var activity = Assert.Single(await line.ActivitiesAsync());
        Assert.Equal(("message", "whatsapp", "inbound", "Does it come in another color?", (string?)contact["id"], "16505551234"),
            ((string?)activity["kind"], (string?)activity["channel"], (string?)activity["direction"], (string?)activity["body"],
             (string?)activity["contact_id"], (string?)activity["thread_id"]));
        Assert.StartsWith("wamid.", (string?)activity["external_id"], StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), DateTimeOffset.Parse((string)activity["occurred_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        var received = Assert.Single(await line.EventsAsync("whatsapp.message_received"));
        Assert.Equal(((string?)activity["id"], "+16505551234", "Sheena Nelson", "text", "Does it come in another color?", line.Number.Display),
            ((string?)received["activity_id"], (string?)received["from"], (string?)received["name"], (string?)received["type"], (string?)received["text"],
             (string?)received["account"]));
    }

    [Fact]
    public async Task Message_DeliveredAgain_IsRecordedOnce_AndAnnouncedOnce()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var body = app.WhatsApp.CustomerWrites(line.Number, "447700900123", "Bo", "Hello?");

        var first = await line.DeliverAsync(body);
        var again = await line.DeliverAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Single(await line.ActivitiesAsync());
        Assert.Single(await line.EventsAsync("whatsapp.message_received"));
    }

    [Fact]
    public async Task Message_FromAnUnknownPhone_CreatesAContact_OnlyWhenTheConnectionSaysSo()
    {
        var creating = await WhatsAppLine.ConnectAsync(app, createContacts: true);
        var leaving = await WhatsAppLine.ConnectAsync(app);

        await creating.DeliverAsync(app.WhatsApp.CustomerWrites(creating.Number, "4915112345678", "Dee Dahl", "Hallo"));
        await leaving.DeliverAsync(app.WhatsApp.CustomerWrites(leaving.Number, "4915112345678", "Dee Dahl", "Hallo"));

        var contact = Assert.Single(await creating.ContactsAsync());
        Assert.Equal(("Dee", "Dahl", "+4915112345678"), ((string?)contact["first_name"], (string?)contact["last_name"], (string?)contact["phone"]));
        Assert.Equal((string?)contact["id"], (string?)Assert.Single(await creating.ActivitiesAsync())["contact_id"]);
        Assert.Empty(await leaving.ContactsAsync());
        var unmatched = Assert.Single(await leaving.ActivitiesAsync());
        Assert.Null((string?)unmatched["contact_id"]);
        Assert.Equal("+4915112345678", (string?)unmatched["participants"]![0]!["phone"]);
    }

    [Fact]
    public async Task Delivery_WithAWrongOrMissingSignature_Is401_AndRecordsNothing()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var body = app.WhatsApp.CustomerWrites(line.Number, "16505550000", "Eve", "forged");
        using var meta = app.CreateClient();

        var wrong = await line.DeliverAsync(body, secret: "not-the-app-secret");
        var unsigned = await meta.PostAsync(WhatsAppLine.WebhookPath, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        using var tampered = new HttpRequestMessage(HttpMethod.Post, WhatsAppLine.WebhookPath)
        {
            Content = new StringContent(body.Replace("forged", "altered", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        tampered.Headers.Add(FakeWhatsAppWebhooks.SignatureHeader, FakeWhatsAppWebhooks.Sign(body, line.Number.AppSecret));
        var altered = await meta.SendAsync(tampered, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unsigned.StatusCode, altered.StatusCode));
        Assert.Contains(FakeWhatsAppWebhooks.SignatureHeader, (string?)(await wrong.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"], StringComparison.Ordinal);
        Assert.Empty(await line.ActivitiesAsync());
        Assert.Empty(await line.EventsAsync("whatsapp.message_received"));
    }

    [Fact]
    public async Task Delivery_IsRoutedByPhoneNumberId_ToTheConnectionWhoseAppSecretSignedIt()
    {
        var (a, b) = (await WhatsAppLine.ConnectAsync(app), await WhatsAppLine.ConnectAsync(app));

        var toA = await a.DeliverAsync(app.WhatsApp.CustomerWrites(a.Number, "16505550101", "Ann", "for A"));
        var aSignedByB = await a.DeliverAsync(app.WhatsApp.CustomerWrites(a.Number, "16505550102", "Ben", "for A, signed by B"), secret: b.Number.AppSecret);

        Assert.Equal(HttpStatusCode.OK, toA.StatusCode);
        Assert.Equal("for A", (string?)Assert.Single(await a.ActivitiesAsync())["body"]);
        Assert.Empty(await b.ActivitiesAsync());
        // B's secret is a WhatsApp app's, but not the one of A's number: authentic for no connection of that number.
        Assert.Equal(HttpStatusCode.OK, aSignedByB.StatusCode);
        Assert.Single(await a.ActivitiesAsync());
    }

    [Fact]
    public async Task Delivery_ForANumberNoConnectionHas_Is401_UnlessAConnectionsAppSecretSignedIt()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var stranger = app.WhatsApp.AddNumber("+1 555-010-0777");
        var body = app.WhatsApp.CustomerWrites(stranger, "16505550103", "Cy", "to a number not connected here");

        var unknownSecret = await line.DeliverAsync(body, secret: stranger.AppSecret);
        var sameMetaApp = await line.DeliverAsync(body, secret: line.Number.AppSecret);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (unknownSecret.StatusCode, sameMetaApp.StatusCode));
        Assert.Empty(await line.ActivitiesAsync());
    }

    [Fact]
    public async Task Messages_OfOtherTypes_AreRecordedWithWhatTheySay_AndOtherFieldsAreIgnored()
    {
        var line = await WhatsAppLine.ConnectAsync(app);
        var at = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(
                    new JsonObject
                    {
                        ["field"] = "messages",
                        ["value"] = new JsonObject
                        {
                            ["messaging_product"] = "whatsapp",
                            ["metadata"] = new JsonObject { ["display_phone_number"] = "15550100100", ["phone_number_id"] = line.Number.Id },
                            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Fay" }, ["wa_id"] = "16505552100" }),
                            ["messages"] = new JsonArray(
                                new JsonObject
                                {
                                    ["from"] = "16505552100", ["id"] = "wamid.image1", ["timestamp"] = at, ["type"] = "image",
                                    ["image"] = new JsonObject { ["caption"] = "The scratch on the lid", ["mime_type"] = "image/jpeg", ["id"] = "1003383421387256" },
                                },
                                new JsonObject
                                {
                                    ["from"] = "16505552100", ["id"] = "wamid.reply1", ["timestamp"] = at, ["type"] = "interactive",
                                    ["interactive"] = new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = "yes", ["title"] = "Yes, call me" } },
                                }),
                        },
                    },
                    new JsonObject { ["field"] = "account_update", ["value"] = new JsonObject { ["event"] = "VERIFIED_ACCOUNT" } }),
            }),
        }.ToJsonString();

        var answer = await line.DeliverAsync(body);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var bodies = (await line.ActivitiesAsync()).ToDictionary(a => (string)a["external_id"]!, a => (string?)a["body"]);
        Assert.Equal(new Dictionary<string, string?> { ["wamid.image1"] = "[image] The scratch on the lid", ["wamid.reply1"] = "Yes, call me" }, bodies);
        Assert.Equal(["image", "interactive"], (await line.EventsAsync("whatsapp.message_received")).Select(e => (string?)e["type"]).Order());
    }

    private static async Task<JsonObject> CreateContactAsync(WhatsAppLine line, string firstName, string phone)
    {
        var response = await line.Api.PostAsJsonAsync("/api/v1/records/contact", new { first_name = firstName, phone }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}

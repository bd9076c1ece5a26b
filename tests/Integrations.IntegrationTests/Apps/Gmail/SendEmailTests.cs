using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>Gmail's <c>send_email</c> action over <c>POST /api/v1/connections/{id}/actions/send_email</c>.</summary>
public sealed class SendEmailTests(GmailApp app) : IClassFixture<GmailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendEmail_HandsGmailAnRfc2822Message_AndRecordsItAsAnOutboundActivity_ThatTheSyncDoesNotRepeat()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        await box.SyncAsync();

        var response = await box.Api.PostAsJsonAsync($"/api/v1/connections/{box.Id}/actions/send_email", new
        {
            input = new
            {
                to = new[] { "bo@customer.example", "dee@customer.example" },
                cc = "cy@customer.example",
                subject = "Renewal — next steps",
                text = "Hi Bo,\nhere is the quote.",
                html = "<p>Hi Bo,</p><p>here is the <b>quote</b>.</p>",
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var sent = Assert.Single(box.Mailbox.Sent);
        Assert.Equal(box.Email, Assert.Single(sent.From.Mailboxes).Address);
        Assert.Equal(["bo@customer.example", "dee@customer.example"], sent.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["cy@customer.example"], sent.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal("Renewal — next steps", sent.Subject);
        Assert.Equal("Hi Bo,\nhere is the quote.", sent.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("<b>quote</b>", sent.HtmlBody, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(sent.MessageId));
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), sent.Date.ToUnixTimeSeconds());
        var output = result["result"] ?? result;
        var activityId = (string?)output["activity_id"];
        var activity = (await box.Api.GetFromJsonAsync<JsonObject>($"/api/v1/records/activity/{activityId}", Ct))!;
        Assert.Equal(((string?)output["id"], "outbound", "Renewal — next steps", (string?)output["thread_id"]),
            ((string?)activity["external_id"], (string?)activity["direction"], (string?)activity["subject"], (string?)activity["thread_id"]));

        await box.SyncAsync();
        Assert.Equal([activityId], (await box.ActivitiesAsync()).Select(a => (string?)a["id"]));
        Assert.Empty(await box.EmailReceivedEventsAsync());
    }

    [Theory]
    [InlineData("""{"subject":"Hi","text":"x"}""")]
    [InlineData("""{"to":[],"subject":"Hi","text":"x"}""")]
    [InlineData("""{"to":["not-an-address"],"subject":"Hi","text":"x"}""")]
    [InlineData("""{"to":"bo@customer.example, bo@","subject":"Hi","text":"x"}""")]
    public async Task SendEmail_Is400NamingInputTo_AndSendsNothing_WhenToIsMissingOrNotAnAddress(string input)
    {
        var box = await ConnectedMailbox.ConnectAsync(app);

        var response = await box.Api.PostAsync($"/api/v1/connections/{box.Id}/actions/send_email",
            JsonContent.Create(new JsonObject { ["input"] = JsonNode.Parse(input) }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.NotNull(problem["errors"]!["input.to"]);
        Assert.Empty(box.Mailbox.Sent);
    }

    [Fact]
    public async Task SendEmail_Is502ProblemDetailsWithGmailsError_AndRecordsNothing_WhenGmailFails()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        app.Google.InjectFault("/gmail/v1/users/me/messages/send", FakeFault.ServerError());

        var response = await box.Api.PostAsJsonAsync($"/api/v1/connections/{box.Id}/actions/send_email",
            new { input = new { to = new[] { "bo@customer.example" }, subject = "Hi", text = "x" } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Internal error encountered", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await box.ActivitiesAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Outlook;

/// <summary>Outlook's actions through <c>POST /api/v1/connections/{id}/actions/{action}</c>, against the fake Graph.</summary>
public sealed class OutlookActionsTests(OutlookApp app) : IClassFixture<OutlookApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendEmail_SendsThroughGraph_AndRecordsOneOutboundEmail_AlsoAfterTheSentItemsSync()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);

        using var response = await RunAsync(outlook, "send_email", new
        {
            to = "carl@customer.example, dora@customer.example", cc = new[] { "eve@customer.example" }, subject = "Your renewal",
            html = "<p>Hi <b>Carl</b>, here is the quote.</p>",
        });
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var afterAction = await outlook.ActivitiesAsync();
        await outlook.SyncAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = result.GetProperty("id").GetString()!;
        Assert.StartsWith("sent:", id);
        var sent = Assert.Single(outlook.Mailbox.SentMail);
        var message = sent["message"]!;
        Assert.Equal("Your renewal", (string?)message["subject"]);
        Assert.Equal(("HTML", "<p>Hi <b>Carl</b>, here is the quote.</p>"), ((string?)message["body"]!["contentType"], (string?)message["body"]!["content"]));
        Assert.Equal(["carl@customer.example", "dora@customer.example"], message["toRecipients"]!.AsArray().Select(r => (string?)r!["emailAddress"]!["address"]));
        Assert.Equal(["eve@customer.example"], message["ccRecipients"]!.AsArray().Select(r => (string?)r!["emailAddress"]!["address"]));
        Assert.Equal(id, (string?)message["internetMessageHeaders"]![0]!["value"]);
        var email = Assert.Single(afterAction);
        Assert.Equal((id, "outbound", "Your renewal"), (email.ExternalId, email.Direction, email.Subject));
        Assert.Equal("Hi Carl, here is the quote.", email.Body?.Trim());
        Assert.Equal($"act_{email.Id:N}", result.GetProperty("activity_id").GetString());
        var afterSync = Assert.Single(await outlook.ActivitiesAsync());
        Assert.Equal((email.Id, id), (afterSync.Id, afterSync.ExternalId));
    }

    [Fact]
    public async Task CreateEvent_CreatesItInTheCalendar_AndRecordsTheMeeting()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);

        using var response = await RunAsync(outlook, "create_event", new
        {
            subject = "Renewal call", start = "2026-12-10T15:00:00+01:00", end = "2026-12-10T15:30:00+01:00",
            attendees = new[] { "carl@customer.example" }, description = "Numbers and next steps.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var request = Assert.Single(outlook.Mailbox.CreatedEvents);
        Assert.Equal(("2026-12-10T14:00:00", "UTC"), ((string?)request["start"]!["dateTime"], (string?)request["start"]!["timeZone"]));
        Assert.Equal("2026-12-10T14:30:00", (string?)request["end"]!["dateTime"]);
        Assert.Equal("carl@customer.example", (string?)request["attendees"]![0]!["emailAddress"]!["address"]);
        Assert.Equal("Numbers and next steps.", (string?)request["body"]!["content"]);
        var meeting = Assert.Single(await outlook.ActivitiesAsync());
        Assert.Equal(result.GetProperty("id").GetString(), meeting.ExternalId);
        Assert.StartsWith("AAMkAGI", meeting.ExternalId);
        Assert.StartsWith("act_", result.GetProperty("activity_id").GetString());
        Assert.Equal(("meeting", "Renewal call", new DateTimeOffset(2026, 12, 10, 14, 0, 0, TimeSpan.Zero)), (meeting.Kind, meeting.Subject, meeting.OccurredAt));
        Assert.Contains("\"organizer\"", meeting.Participants);
        Assert.Contains("carl@customer.example", meeting.Participants);
    }

    [Theory]
    [InlineData("""{"subject": "Call", "start": "tomorrow", "end": "2026-12-10T15:30:00Z"}""", "input.start")]
    [InlineData("""{"subject": "Call", "start": "2026-12-10T15:00:00", "end": "2026-12-10T15:30:00Z"}""", "input.start")]
    [InlineData("""{"subject": "Call", "start": "2026-12-10T15:00:00Z", "end": "2026-12-10T14:30:00Z"}""", "input.end")]
    [InlineData("""{"start": "2026-12-10T15:00:00Z", "end": "2026-12-10T15:30:00Z"}""", "input.subject")]
    [InlineData("""{"subject": "Call", "start": "2026-12-10T15:00:00Z", "end": "2026-12-10T15:30:00Z", "attendees": "carl@"}""", "input.attendees")]
    public async Task CreateEvent_Returns400NamingTheField_AndCallsNothing_WhenTheInputIsBad(string input, string field)
    {
        var outlook = await OutlookAccount.ConnectAsync(app);

        using var response = await outlook.Client.PostAsync($"/api/v1/connections/{outlook.ConnectionId}/actions/create_event",
            new StringContent($$"""{"input": {{input}}}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.AssertInvalidFieldAsync(field);
        Assert.Empty(outlook.Mailbox.CreatedEvents);
        Assert.Empty(await outlook.ActivitiesAsync());
    }

    [Fact]
    public async Task SendEmail_Answers429WithRetryAfter_WhenGraphThrottles()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        app.Microsoft.InjectFault("/v1.0/me/sendMail", FakeFault.TooManyRequests(TimeSpan.FromSeconds(12)));

        using var response = await RunAsync(outlook, "send_email", new { to = "carl@customer.example", subject = "Hello", text = "Hi." });

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(12), response.Headers.RetryAfter?.Delta);
        Assert.Empty(outlook.Mailbox.SentMail);
        Assert.Empty(await outlook.ActivitiesAsync());
    }

    private static Task<HttpResponseMessage> RunAsync(OutlookAccount outlook, string action, object input) =>
        outlook.Client.PostAsJsonAsync($"/api/v1/connections/{outlook.ConnectionId}/actions/{action}", new { input }, Ct);
}

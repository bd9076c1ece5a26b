using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.Graph;

namespace Integrations.IntegrationTests.Apps.Outlook;

/// <summary>Outlook's calendar sync against the fake Graph: calendar view delta → meeting activities.</summary>
public sealed class OutlookEventsSyncTests(OutlookApp app) : IClassFixture<OutlookApp>
{
    private const string EventCreated = "outlook.event_created";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EventsSync_RecordsMeetingsInTheWindow_WithAttendeesMatchedToContacts()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        var contactId = await ContactAsync(outlook, $"bo.{Guid.NewGuid():N}@customer.example");
        var bo = await BoAsync(outlook, contactId);
        var start = new DateTimeOffset(app.Clock.GetUtcNow().AddDays(2).Date.AddHours(15), TimeSpan.Zero);
        var review = Event("Quarterly review", start, bo, outlook);
        outlook.Mailbox.AddEvents(review, Event("Last year's kickoff", start.AddDays(-400), bo, outlook),
            Event("Next month", start.AddDays(30), bo, outlook) with { Attendees = [(bo, "required"), (new FakeAddress("room-4@contoso.example", "Room 4"), "resource")] });

        var syncs = await outlook.SyncAsync();

        var meetings = await outlook.ActivitiesAsync();
        Assert.Equal(["Quarterly review", "Next month"], meetings.Select(m => m.Subject));
        var meeting = meetings[0];
        Assert.Equal(("meeting", review.Id, start), (meeting.Kind, meeting.ExternalId, meeting.OccurredAt));
        Assert.Equal(contactId, $"con_{meeting.ContactId:N}");
        var participants = JsonDocument.Parse(meeting.Participants!).RootElement.EnumerateArray().ToList();
        Assert.Equal([("organizer", outlook.Email), ("attendee", bo.Address)],
            participants.Select(p => (p.GetProperty("role").GetString(), p.GetProperty("email").GetString())));
        Assert.Equal(contactId, participants[1].GetProperty("contact_id").GetString());
        Assert.Equal(2, JsonDocument.Parse(meetings[1].Participants!).RootElement.GetArrayLength());
        Assert.Equal(2, syncs["events"].GetProperty("items_synced").GetInt64());
        Assert.Empty(await outlook.EventsAsync(EventCreated));
    }

    [Fact]
    public async Task NextSync_FiresEventCreatedOnce_ForAnEventThatAppeared()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        var bo = new FakeAddress("bo@customer.example", "Bo");
        var start = new DateTimeOffset(app.Clock.GetUtcNow().AddDays(3).Date.AddHours(9), TimeSpan.Zero);
        outlook.Mailbox.AddEvents(Event("Existing", start, bo, outlook));
        await outlook.SyncAsync();
        var added = Event("Renewal call", start.AddHours(6), bo, outlook);
        outlook.Mailbox.AddEvents(added);

        await outlook.SyncAsync();
        await outlook.SyncAsync();

        Assert.Equal(2, (await outlook.ActivitiesAsync()).Count);
        var created = Assert.Single(await outlook.EventsAsync(EventCreated));
        Assert.Equal(("Renewal call", start.AddHours(6).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ")),
            (created.GetProperty("subject").GetString(), created.GetProperty("starts_at").GetString()));
        Assert.Equal(["bo@customer.example"], created.GetProperty("attendees").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal((outlook.ConnectionId, "outlook"), (created.GetProperty("connection_id").GetString(), created.GetProperty("app").GetString()));
        Assert.Equal(1, outlook.Mailbox.InitialRounds(FakeMailbox.Calendar));
    }

    private static FakeGraphEvent Event(string subject, DateTimeOffset start, FakeAddress attendee, OutlookAccount outlook) => new()
    {
        Subject = subject,
        Body = "<p>Agenda: <i>numbers</i></p>",
        Start = start,
        End = start.AddHours(1),
        Attendees = [(attendee, "required")],
        Organizer = new FakeAddress(outlook.Email, "Ana Lima"),
    };

    private static async Task<string> ContactAsync(OutlookAccount outlook, string email)
    {
        using var created = await outlook.Client.PostAsJsonAsync("/api/v1/records/contact", new { email, first_name = "Bo" }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
    }

    private static async Task<FakeAddress> BoAsync(OutlookAccount outlook, string contactId)
    {
        var contact = await outlook.Client.GetFromJsonAsync<JsonObject>($"/api/v1/records/contact/{contactId}", Ct);
        return new FakeAddress((string)contact!["email"]!, "Bo");
    }
}

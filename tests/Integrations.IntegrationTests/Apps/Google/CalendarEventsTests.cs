using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.GoogleCalendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Google.GoogleConnections;

namespace Integrations.IntegrationTests.Apps.Google;

/// <summary>Google Calendar's events sync and create_event against the fake Calendar API.</summary>
public sealed class CalendarEventsTests(GoogleApp app) : IClassFixture<GoogleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task Events_BecomeMeetingsWithAttendees_AndFireEventCreatedOnce()
    {
        var (account, key, id) = await ConnectAsync(app, "google-calendar", Ct);
        app.Calendar.Put(account, new FakeCalendarEvent("Long ago", Now.AddDays(-60), Now.AddDays(-60).AddHours(1), "old@customer.example"));
        await app.RunSyncAsync(key, "events"); // the first listing (outside its window, and announcing nothing)
        var renewal = app.Calendar.Put(account, new FakeCalendarEvent("Renewal call", Now.AddDays(1), Now.AddDays(1).AddHours(1), "bo@customer.example")
        {
            Description = "Pricing for 2027",
        });

        await app.RunSyncAsync(key, "events");
        await app.RunSyncAsync(key, "events");

        var meeting = Assert.Single(await ActivitiesAsync(id));
        Assert.Equal(("meeting", "Renewal call", renewal.Id), (meeting.GetProperty("kind").GetString(), meeting.GetProperty("subject").GetString(),
            meeting.GetProperty("external_id").GetString()));
        Assert.Contains("bo@customer.example", meeting.GetProperty("participants").GetRawText(), StringComparison.Ordinal);
        var created = Assert.Single(await EventCreatedAsync(id));
        Assert.Equal("Renewal call", created.GetProperty("subject").GetString());
        Assert.Equal(["bo@customer.example"], created.GetProperty("attendees").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(app.Calendar.Queries, q => q.Contains("syncToken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_ResumeFromTheCheckpoint_AfterACrashMidListing_WithoutDuplicates()
    {
        var (account, key, id) = await ConnectAsync(app, "google-calendar", Ct);
        for (var i = 0; i < 5; i++)
        {
            app.Calendar.Put(account, new FakeCalendarEvent($"Meeting {i}", Now.AddDays(i), Now.AddDays(i).AddHours(1), $"guest{i}@customer.example"));
        }

        app.Calendar.MaxPageSize = 2;
        app.Calendar.FailingPageRequests = 1;
        await app.RunSyncAsync(key, "events");
        var failed = await app.SyncAsync(key, "events");
        Assert.Contains("INTERNAL", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("page_token", failed.Checkpoint, StringComparison.Ordinal);
        Assert.Equal(2, (await ActivitiesAsync(id)).Count);

        await app.RunSyncAsync(key, "events");
        app.Calendar.MaxPageSize = 2500;

        Assert.Equal(5, (await ActivitiesAsync(id)).Count);
        Assert.Empty(await EventCreatedAsync(id)); // the first listing: connecting is not five new events
        Assert.Contains("sync_token", (await app.SyncAsync(key, "events")).Checkpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_ListAgainAfterA410_WithoutDuplicatesOrTriggersAgain()
    {
        var (account, key, id) = await ConnectAsync(app, "google-calendar", Ct);
        app.Calendar.Put(account, new FakeCalendarEvent("Kickoff", Now.AddDays(2), Now.AddDays(2).AddHours(1), "bo@customer.example"));
        await app.RunSyncAsync(key, "events");
        app.Calendar.Put(account, new FakeCalendarEvent("Review", Now.AddDays(3), Now.AddDays(3).AddHours(1), "cy@customer.example"));
        app.Calendar.ExpireSyncTokens(account);

        await app.RunSyncAsync(key, "events");

        var sync = await app.SyncAsync(key, "events");
        Assert.Null(sync.LastError);
        Assert.Equal(["Kickoff", "Review"], (await ActivitiesAsync(id)).Select(a => a.GetProperty("subject").GetString()).Order());
        Assert.Equal(["Review"], (await EventCreatedAsync(id)).Select(e => e.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task CreateEvent_InvitesTheContactsEmail_AndRecordsAMeeting()
    {
        var (account, _, id) = await ConnectAsync(app, "google-calendar", Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write", "crm:write"])).Key);
        var contact = await (await writer.PostAsJsonAsync("/api/v1/records/contact",
            new { first_name = "Dee", last_name = "Ng", email = $"dee.{Guid.NewGuid():N}@customer.example" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_event", new
        {
            input = new
            {
                summary = "Demo", start = Now.AddDays(1).ToString("O"), end = Now.AddDays(1).AddHours(1).ToString("O"),
                attendees = "bo@customer.example", contact_id = contact.GetProperty("id").GetString(),
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var stored = Assert.Single(app.Calendar.Events(account), e => e.Id == result.GetProperty("id").GetString());
        Assert.Equal(["bo@customer.example", contact.GetProperty("email").GetString()!], stored.Attendees);
        Assert.StartsWith("https://www.google.com/calendar/event?eid=", result.GetProperty("html_link").GetString(), StringComparison.Ordinal);
        var meeting = Assert.Single(await ActivitiesAsync(id));
        Assert.Equal(result.GetProperty("activity_id").GetString(), meeting.GetProperty("id").GetString());
        Assert.Equal(contact.GetProperty("id").GetString(), meeting.GetProperty("contact_id").GetString());
        Assert.Empty(await EventCreatedAsync(id));
    }

    [Fact]
    public async Task CreateEvent_Is400NamingContactId_WhenThereIsNoSuchContact()
    {
        var (account, _, id) = await ConnectAsync(app, "google-calendar", Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_event", new
        {
            input = new { summary = "Demo", start = "2026-12-10T10:00:00Z", end = "2026-12-10T11:00:00Z", contact_id = "con_0193a0b0c0d0e0f00000000000000000" },
        }, Ct);

        Assert.Contains("no contact", await response.AssertInvalidFieldAsync("input.contact_id"), StringComparison.Ordinal);
        Assert.Empty(app.Calendar.Events(account));
    }

    private async Task<List<JsonElement>> ActivitiesAsync(string connectionId)
    {
        var reader = app.Client((await Keys.IssueAsync(app, ["crm:read"])).Key);
        var page = await reader.GetFromJsonAsync<JsonElement>("/api/v1/records/activity?limit=200", Ct);
        return [.. page.GetProperty("data").EnumerateArray().Where(a => a.GetProperty("connection_id").GetString() == connectionId)];
    }

    private async Task<List<JsonElement>> EventCreatedAsync(string connectionId)
    {
        await using var scope = app.Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == EventCatalog.GoogleCalendarEventCreated.Name).Select(e => e.Data).ToListAsync(Ct);
        return [.. data.Select(d => JsonDocument.Parse(d!).RootElement).Where(e => e.GetProperty("connection_id").GetString() == connectionId)];
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.Calendly;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Calendly;

/// <summary>Calendly's scheduled events backfill and create_scheduling_link against the fake Calendly API.</summary>
public sealed class CalendlySyncAndActionTests(CalendlyApp app) : IClassFixture<CalendlyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task Sync_BackfillsMeetingsBookedBeforeTheConnection_AcrossPages_WithoutAnnouncingThem()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var old = Meeting(account, "Long ago", -45, "old@customer.example");
        var past = Meeting(account, "Intro", -10, "cy@customer.example");
        var upcoming = Meeting(account, "Demo", 3, "di@customer.example", "eve@customer.example");
        app.Calendly.MaxPageSize = 1;
        try
        {
            await app.RunSyncAsync(key);
            await app.RunSyncAsync(key);
        }
        finally
        {
            app.Calendly.MaxPageSize = 100;
        }

        var meetings = await app.ActivitiesAsync(id);
        Assert.Equal(["Demo", "Demo", "Intro"], meetings.Select(m => m.GetProperty("subject").GetString()).Order());
        Assert.DoesNotContain(meetings, m => m.GetProperty("external_id").GetString()!.StartsWith(old.Uri, StringComparison.Ordinal));
        Assert.Single(await app.ContactsAsync("cy@customer.example"));
        Assert.Empty(await app.EventsAsync(EventCatalog.CalendlyInviteeCreated, id));
        var queries = app.Calendly.EventQueries.Where(q => q.Contains(Uri.EscapeDataString(FakeCalendly.OrganizationUri(account)), StringComparison.Ordinal)).ToList();
        Assert.Contains(queries, q => q.Contains("page_token=", StringComparison.Ordinal));
        Assert.All(queries, q => Assert.Contains("min_start_time=", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_AndWebhook_RecordTheSameInviteeOnce()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var scheduled = Meeting(account, "Renewal", 1, "fay@customer.example");
        await app.RunSyncAsync(key);
        scheduled.Invitees[0].Status = "canceled";
        scheduled.Invitees[0].Cancellation = ("Hana Host", "Double booked", "host");

        using var delivered = await app.DeliverAsync(FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.canceled", scheduled, scheduled.Invitees[0], Now));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var meeting = Assert.Single(await app.ActivitiesAsync(id));
        Assert.Equal("Canceled: Renewal", meeting.GetProperty("subject").GetString());
        Assert.Single(await app.EventsAsync(EventCatalog.CalendlyInviteeCanceled, id));
    }

    [Fact]
    public async Task Sync_RefreshesAnExpiredToken_AndKeepsCalendlysRotatedRefreshToken()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var refreshBefore = await RefreshTokenAsync(key);
        Meeting(account, "After a refresh", 1, "gus@customer.example");
        app.Clock.Advance(TimeSpan.FromHours(3)); // past the access token's expiry, as the app counts it

        await app.RunSyncAsync(key);

        var refreshAfter = await RefreshTokenAsync(key);
        Assert.NotEqual(refreshBefore, refreshAfter);
        Assert.Equal(1, app.Provider.Counters.RefreshesOf(refreshBefore));
        Assert.Single(await app.ActivitiesAsync(id), m => m.GetProperty("subject").GetString() == "After a refresh");
    }

    [Fact]
    public async Task CreateSchedulingLink_AsksForASingleUseLinkOfTheEventType_AndReturnsItsBookingUrl()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var eventType = app.Calendly.AddEventType(account, "30 Minute Meeting");
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_scheduling_link", new { input = new { event_type = eventType } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.StartsWith("https://calendly.com/d/", result.GetProperty("booking_url").GetString(), StringComparison.Ordinal);
        var asked = Assert.Single(app.Calendly.SchedulingLinks, l => l.GetProperty("owner").GetString() == eventType);
        Assert.Equal((1, "EventType"), (asked.GetProperty("max_event_count").GetInt32(), asked.GetProperty("owner_type").GetString()));
    }

    [Fact]
    public async Task CreateSchedulingLink_Is400NamingEventType_WhenItIsNotAnEventTypeUri()
    {
        var (_, _, id, _) = await app.ConnectAsync(Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        var before = app.Calendly.SchedulingLinks.Count;

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_scheduling_link",
            new { input = new { event_type = "https://calendly.com/ana/30min" } }, Ct);

        Assert.Contains("event_types", await response.AssertInvalidFieldAsync("input.event_type"), StringComparison.Ordinal);
        Assert.Equal(before, app.Calendly.SchedulingLinks.Count);
    }

    [Fact]
    public async Task CreateSchedulingLink_ShowsCalendlysRefusal_ForAnEventTypeOfAnotherOrganization()
    {
        var (_, _, id, _) = await app.ConnectAsync(Ct);
        var otherOrganizations = app.Calendly.AddEventType(Connect.ConnectFlow.NewAccount(), "Elsewhere");
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_scheduling_link", new { input = new { event_type = otherOrganizations } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Resource Not Found", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<string> RefreshTokenAsync(Guid key)
    {
        var connection = Assert.Single(await app.ConnectionsAsync(), c => c.Id == key);
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<Integrations.Apps.Security.AppSecrets>().Unprotect(connection.RefreshTokenCiphertext!);
    }

    private FakeScheduledEvent Meeting(Integrations.Testing.Fakes.OAuth.FakeAccount account, string name, int days, params string[] invitees)
    {
        var scheduled = new FakeScheduledEvent(name, Now.AddDays(days), Now.AddDays(days).AddMinutes(30));
        scheduled.Hosts.Add(("host@sentinel.example", "Hana Host"));
        scheduled.Invitees.AddRange(invitees.Select(e => new FakeInvitee(e, e.Split('@')[0])));
        return app.Calendly.Put(account, scheduled);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>Zoom's create_meeting against the fake Zoom: invitees from contacts and emails, the join URL back, the
/// meeting on the contacts' timelines.</summary>
public sealed class CreateMeetingTests(ZoomApp app) : IClassFixture<ZoomApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task CreateMeeting_InvitesContactsAndEmails_AnswersTheJoinUrl_AndRecordsAnOutboundMeeting_ThatASyncKeeps()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        var bo = await app.ContactAsync($"bo.{Guid.NewGuid():N}@customer.example", Ct);
        var start = new DateTimeOffset(Now.AddDays(3).Date.AddHours(15), TimeSpan.FromHours(1));

        using var response = await (await WriterAsync()).PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting", new
        {
            input = new
            {
                topic = "Renewal call", start = start.ToString("O", CultureInfo.InvariantCulture), duration = 45, timezone = "Europe/Lisbon",
                invitees = $"{bo.GetProperty("id").GetString()}, cy@customer.example", agenda = "Pricing for 2027",
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var created = Assert.Single(app.Api.Meetings(account));
        Assert.Equal((created.Id.ToString(CultureInfo.InvariantCulture), created.JoinUrl),
            (result.GetProperty("meeting_id").GetString(), result.GetProperty("join_url").GetString()));
        Assert.Equal([bo.GetProperty("email").GetString()!, "cy@customer.example"], created.Invitees);
        Assert.Equal((start.UtcDateTime, 45, "Europe/Lisbon"), (created.Start.UtcDateTime, created.Duration, created.Timezone));
        var sent = app.Api.Created.Last(b => (string?)b["topic"] == "Renewal call");
        Assert.Equal((start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), 2),
            ((string?)sent["start_time"], (int)sent["type"]!));

        await app.RunSyncAsync(key); // the sync lists the same meeting, knowing nothing of its invitees

        var meeting = Assert.Single(await app.ActivitiesAsync(id, Ct));
        Assert.Equal((result.GetProperty("activity_id").GetString(), "outbound", bo.GetProperty("id").GetString()),
            (meeting.GetProperty("id").GetString(), meeting.GetProperty("direction").GetString(), meeting.GetProperty("contact_id").GetString()));
        Assert.Equal([account.Email, bo.GetProperty("email").GetString()!, "cy@customer.example"],
            meeting.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("email").GetString()!));
        Assert.Contains(created.JoinUrl, meeting.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMeeting_Is400NamingTheField_ForAnUnknownContact_AnInviteeThatIsNeither_OrABadDuration_AndCreatesNothing()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        var writer = await WriterAsync();
        var start = Now.AddDays(1).ToString("O", CultureInfo.InvariantCulture);

        using var unknown = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting",
            new { input = new { topic = "Demo", start, duration = 30, invitees = "con_0193a0b0c0d0e0f00000000000000000" } }, Ct);
        using var neither = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting",
            new { input = new { topic = "Demo", start, duration = 30, invitees = "bo at customer" } }, Ct);
        using var duration = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting",
            new { input = new { topic = "Demo", start, duration = 0 } }, Ct);
        using var zone = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting",
            new { input = new { topic = "Demo", start, duration = 30, timezone = "Mars/Olympus" } }, Ct);

        Assert.Contains("no contact", await unknown.AssertInvalidFieldAsync("input.invitees"), StringComparison.Ordinal);
        Assert.Contains("neither a contact id", await neither.AssertInvalidFieldAsync("input.invitees"), StringComparison.Ordinal);
        Assert.Contains("minutes", await duration.AssertInvalidFieldAsync("input.duration"), StringComparison.Ordinal);
        Assert.Contains("time zone", await zone.AssertInvalidFieldAsync("input.timezone"), StringComparison.Ordinal);
        Assert.Empty(app.Api.Meetings(account));
    }

    [Fact]
    public async Task CreateMeeting_Is502WithZoomsMessage_WhenZoomRefusesIt()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);

        using var response = await (await WriterAsync()).PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_meeting",
            new { input = new { topic = new string('x', 201), start = Now.AddDays(1).ToString("O", CultureInfo.InvariantCulture), duration = 30 } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("300: Validation Failed.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(app.Api.Meetings(account));
        Assert.Empty(await app.ActivitiesAsync(id, Ct));
    }

    private async Task<HttpClient> WriterAsync() => app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
}

using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Zoom;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>Connecting Zoom and its meetings sync against the fake Zoom (rotating refresh tokens, paged listings).</summary>
public sealed class ZoomMeetingsSyncTests(ZoomApp app) : IClassFixture<ZoomApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task Connect_KeepsTheZoomUserAndItsAccountId_AndARefreshSavesTheRotatedToken()
    {
        var (account, key, _) = await app.ConnectAsync(Ct);
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email));
        using (var settings = JsonDocument.Parse(connection.Settings))
        {
            Assert.Equal(FakeZoomIds.AccountId(account), settings.RootElement.GetProperty("zoom_account_id").GetString());
            Assert.Equal(FakeZoomIds.UserId(account), settings.RootElement.GetProperty("zoom_user_id").GetString());
        }

        Assert.Equal(account.Name, connection.AccountName);
        var firstRefresh = await RefreshTokenAsync(connection);
        app.Clock.Advance(TimeSpan.FromHours(2)); // the access token (an hour at Zoom) expired

        await app.RunSyncAsync(key);

        Assert.Null((await app.SyncAsync(key)).LastError);
        var after = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email));
        Assert.Equal(ConnectionStatus.Active, after.Status);
        Assert.NotEqual(firstRefresh, await RefreshTokenAsync(after));
        Assert.Contains(app.Zoom.Requests, r => r.GrantType == "refresh_token" && r.Status == 200);
    }

    [Fact]
    public async Task Disconnect_RevokesTheGrantAtZoom_WithTheClientsBasicCredentials()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email));
        var revokedBefore = app.Zoom.Counters.Revocations;
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using var response = await writer.DeleteAsync($"/api/v1/connections/{id}", Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"revoked\":true", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(revokedBefore + 1, app.Zoom.Counters.Revocations);
        Assert.Contains(app.Zoom.Requests, r => r.Path == "/oauth/revoke" && r.Status == 200);
        Assert.Empty(await ConnectFlow.ConnectionsAsync(app, account.Email));
        Assert.NotEqual(AccessTokenState.Valid, app.Zoom.CheckAccessToken(await ConnectFlow.AccessTokenAsync(app, connection)));
    }

    [Fact]
    public async Task Sync_RecordsUpcomingMeetings_AndPastOnesWithTheirParticipants_MatchedToContacts()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        var bo = await app.ContactAsync($"bo.{Guid.NewGuid():N}@customer.example", Ct);
        var boEmail = bo.GetProperty("email").GetString()!;
        var upcoming = app.Api.Put(account, new FakeZoomMeeting("Renewal call", Now.AddDays(2), 45));
        var past = app.Api.Put(account, new FakeZoomMeeting("Kickoff", Now.AddDays(-3), 30)
        {
            Uuid = "/ajXp112QmuoKj4854875==", // begins with '/': Zoom wants it double-encoded in the path
            EndedAt = Now.AddDays(-3).AddMinutes(40),
            Participants =
            [
                new FakeZoomParticipant("Bo Chen", boEmail, Now.AddDays(-3), Now.AddDays(-3).AddMinutes(40)),
                new FakeZoomParticipant("Guest", "", Now.AddDays(-3), Now.AddDays(-3).AddMinutes(10)),
            ],
        });
        app.Api.Put(account, new FakeZoomMeeting("Long ago", Now.AddDays(-90), 30) { EndedAt = Now.AddDays(-90).AddMinutes(30) });

        await app.RunSyncAsync(key);

        Assert.Null((await app.SyncAsync(key)).LastError);
        var activities = await app.ActivitiesAsync(id, Ct);
        Assert.Equal(["Kickoff", "Renewal call"], activities.Select(a => a.GetProperty("subject").GetString()).Order());
        var renewal = activities.Single(a => a.GetProperty("external_id").GetString() == upcoming.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("meeting", renewal.GetProperty("kind").GetString());
        Assert.Contains(upcoming.JoinUrl, renewal.GetProperty("body").GetString(), StringComparison.Ordinal);
        var kickoff = activities.Single(a => a.GetProperty("subject").GetString() == "Kickoff");
        Assert.Equal(bo.GetProperty("id").GetString(), kickoff.GetProperty("contact_id").GetString());
        var participants = kickoff.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal([("organizer", account.Email), ("attendee", boEmail)],
            participants.Select(p => (p.GetProperty("role").GetString(), p.GetProperty("email").GetString())));
        Assert.Equal(bo.GetProperty("id").GetString(), participants[1].GetProperty("contact_id").GetString());
        // Received once decoded: "%2F…%3D%3D" was "%252F…%253D%253D" on the wire (once encoded, the '=' would show).
        Assert.Contains(app.Api.Requests, r => r.StartsWith("/v2/past_meetings/%2FajXp112QmuoKj4854875%3D%3D/participants", StringComparison.Ordinal));
        Assert.Equal(past.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), kickoff.GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task Sync_ResumesFromItsCheckpoint_AfterAFailureMidway_WithoutDuplicates_AndReadsOldMeetingsOnce()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            var start = Now.AddDays(-5 + i);
            app.Api.Put(account, new FakeZoomMeeting($"Review {i}", start, 30)
            {
                EndedAt = start.AddMinutes(30),
                Participants = [.. Enumerable.Range(0, 3).Select(p =>
                    new FakeZoomParticipant($"Guest {p}", $"guest{i}.{p}@customer.example", start, start.AddMinutes(20)))],
            });
        }

        app.Api.MaxPageSize = 2;
        app.Zoom.InjectFault("/v2/past_meetings", FakeFault.ServerError());
        try
        {
            await app.RunSyncAsync(key);
            var failed = await app.SyncAsync(key);
            Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
            Assert.Contains("pending", failed.Checkpoint, StringComparison.Ordinal);

            await app.RunSyncAsync(key);
        }
        finally
        {
            app.Api.MaxPageSize = 300;
        }

        // The last error stays on the row; the round finished: back to the upcoming listing, nothing pending.
        Assert.Contains("\"phase\":\"upcoming\",\"page_token\":null,\"pending\":[]", (await app.SyncAsync(key)).Checkpoint, StringComparison.Ordinal);
        var activities = await app.ActivitiesAsync(id, Ct);
        Assert.Equal(3, activities.Count);
        Assert.All(activities, a => Assert.Equal(4, a.GetProperty("participants").GetArrayLength())); // the host and three guests
        var participantCalls = app.Api.Requests.Count(r => r.Contains("/participants", StringComparison.Ordinal));

        await app.RunSyncAsync(key); // a later round: nothing new ended

        Assert.Equal(participantCalls, app.Api.Requests.Count(r => r.Contains("/participants", StringComparison.Ordinal)));
        Assert.Equal(3, (await app.ActivitiesAsync(id, Ct)).Count);
    }

    [Fact]
    public async Task Sync_WaitsForRetryAfter_WhenZoomAnswers429()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        app.Api.Put(account, new FakeZoomMeeting("Demo", Now.AddDays(1), 30));
        app.Zoom.InjectFault("/v2/users/me/meetings", FakeFault.TooManyRequests(TimeSpan.FromSeconds(40)));

        await app.RunSyncAsync(key);

        var sync = await app.SyncAsync(key);
        Assert.Contains("429", sync.LastError, StringComparison.Ordinal);
        Assert.Equal(Now.AddSeconds(40), sync.NextRunAt);
        Assert.Empty(await app.ActivitiesAsync(id, Ct));

        await app.RunSyncAsync(key);

        Assert.Single(await app.ActivitiesAsync(id, Ct));
    }

    private async Task<string> RefreshTokenAsync(AppConnection connection)
    {
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<AppSecrets>().Unprotect(connection.RefreshTokenCiphertext!);
    }
}
